using System.Text.Json;
using System.Text.Json.Nodes;

namespace GoImage.Sdk.IntegrationTests.Templates;

/// <summary>
/// <c>dotnet new goimage --kubernetes</c>: the starter Deployment and Service are judged by Debian's kubectl (client
/// side, no cluster), and the probe command they give the kubelet runs in the published image under podman, with the
/// securityContext's restrictions.
/// </summary>
[TestClass]
public sealed class KubernetesTemplateTests
{
    private static string _hive = "";
    private static GoProject _service = null!;
    private static CommandResult _create = null!;

    [ClassInitialize]
    public static void Create(TestContext context)
    {
        _hive = Path.Combine(GoProject.NewTempDirectory(), "hive");
        var package = Path.Combine(SdkFeed.FeedDirectory, $"GoImage.Templates.{Repository.SdkVersion}.nupkg");
        var install = Command.Run("dotnet", ["new", "install", package, "--debug:custom-hive", _hive], SdkFeed.WorkDirectory, Environment());
        Assert.IsTrue(install.Succeeded, "dotnet new install: " + install);

        var root = GoProject.NewTempDirectory();
        _service = GoProject.FromDirectory(root, Path.Combine(root, "Shop_Api", "Shop_Api.goproj"));
        _create = Command.Run("dotnet", ["new", "goimage", "--kubernetes", "-o", _service.Directory, "--debug:custom-hive", _hive, "--no-update-check"], root, Environment());
    }

    [ClassCleanup]
    public static void Cleanup() => _service.Dispose();

    private static string Manifest => _service.PathOf("deploy/Shop_Api.yaml");

    [TestMethod]
    public void New_WritesTheStarter_NamingTheProject_AndListsItAsAKubernetesManifest()
    {
        Assert.IsTrue(_create.Succeeded, _create.ToString());
        var text = File.ReadAllText(Manifest);
        StringAssert.Contains(text, "image: goimage://Shop_Api\n", "the name goimage:// uses is the project file's");
        StringAssert.Contains(text, "  name: shop-api\n", "object names are DNS labels");
        StringAssert.Contains(File.ReadAllText(_service.ProjectFile), "<KubernetesManifest Include=\"deploy/*.yaml\" />");
    }

    [TestMethod]
    public void Starter_PassesKubectlsClientSideCheck_EveryFieldKnownToKubernetes()
    {
        Assert.IsTrue(_create.Succeeded, _create.ToString());
        var documents = File.ReadAllText(Manifest).Split("\n---\n");
        Assert.AreEqual(2, documents.Length);

        foreach (var (document, index) in documents.Select((d, i) => (d, i)))
        {
            var path = _service.PathOf($"obj/starter-{index}.yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, document + "\n");
            // As written (no decoding into API types), then decoded into Kubernetes' own types by a --local edit that only
            // adds (kubectl prints nothing for an edit that changes nothing): a wrong type fails the decode, and a field
            // Kubernetes does not know is dropped by it.
            var raw = Kubectl("annotate", "--local", "-f", path, "goimage.test/check=1", "-o", "json");
            var kind = JsonNode.Parse(raw)!["kind"]!.GetValue<string>();
            var typed = kind switch
            {
                "Deployment" => Kubectl("set", "resources", "--local", "-f", path, "--limits=cpu=1", "-o", "json"),
                "Service" => Kubectl("set", "selector", "--local", "-f", path, "app.kubernetes.io/name=shop-api,goimage.test/check=1", "-o", "json"),
                _ => throw new AssertFailedException($"unexpected kind {kind}"),
            };
            var written = JsonNode.Parse(raw)!;
            written["metadata"]!.AsObject().Remove("annotations");
            var missing = Missing(written, JsonNode.Parse(typed)!, kind).ToList();
            Assert.AreEqual(0, missing.Count, $"{kind}: not kept by Kubernetes' types: {string.Join(", ", missing)}\n{typed}");
        }
    }

    [TestMethod]
    public void ProbeCommand_RunsInThePublishedImage_UnderTheStartersRestrictions()
    {
        Assert.IsTrue(_create.Succeeded, _create.ToString());
        var archive = _service.PathOf("out/shop.tar");
        var publish = _service.Publish("-p:GoTargetPlatforms=linux/amd64", $"-p:ContainerArchiveOutputPath={archive}");
        Assert.IsTrue(publish.Succeeded, publish.ToString());
        var probe = JsonNode.Parse(Kubectl("set", "resources", "--local", "-f", WriteText(_service.PathOf("obj/starter-probe.yaml"), File.ReadAllText(Manifest).Split("\n---\n")[0] + "\n"),
            "--limits=cpu=1", "-o", "json"))!["spec"]!["template"]!["spec"]!["containers"]![0]!["livenessProbe"]!["exec"]!["command"]!
            .AsArray().Select(n => n!.GetValue<string>()).ToArray();
        CollectionAssert.AreEqual(new[] { "/app/Shop_Api", "-healthcheck" }, probe);
        using var podman = new Podman(_service.Root);
        var load = podman.Run("load", "-i", archive);
        Peers.Expect(load);
        var image = "localhost/shop_api:1.0.0";

        // The starter's securityContext as podman options: uid 65532, read-only root with /tmp writable, no capabilities, no new privileges.
        var server = podman.Run("run", "-d", "--network", "none", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
            "--user", "65532:65532", "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", image);
        Peers.Expect(server);
        var container = server.Output.Trim().Split('\n')[^1];
        try
        {
            CommandResult? check = null;
            for (var attempt = 0; attempt < 20 && check is not { Succeeded: true }; attempt++)
            {
                Thread.Sleep(attempt == 0 ? 0 : 500);
                check = podman.Run(["exec", container, .. probe]);
            }

            Assert.IsTrue(check!.Succeeded, "the probe failed against the running service: " + check);
        }
        finally
        {
            podman.Run("rm", "-f", container);
        }
    }

    // Every leaf of what was written, as a path, that the typed round trip lost or changed.
    private static IEnumerable<string> Missing(JsonNode written, JsonNode? typed, string path)
    {
        switch (written)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    foreach (var lost in Missing(value!, (typed as JsonObject)?[key], $"{path}.{key}"))
                    {
                        yield return lost;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var lost in Missing(array[i]!, typed is JsonArray t && i < t.Count ? t[i] : null, $"{path}[{i}]"))
                    {
                        yield return lost;
                    }
                }

                break;
            default:
                if (typed is null || !JsonNode.DeepEquals(written, typed))
                {
                    yield return $"{path}={written.ToJsonString()}";
                }

                break;
        }
    }

    private static string WriteText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Kubectl(params string[] arguments)
    {
        var result = Command.Run(KubectlPath, arguments, _service.Directory, Environment());
        var json = result.Output.IndexOf('{', StringComparison.Ordinal);
        Assert.IsTrue(result.Succeeded && json >= 0, $"{KubectlPath} {string.Join(' ', arguments)}: {result}");
        return result.Output[json..];
    }

    // Debian's kubernetes-client: installed as /usr/bin/kubectl, or unpacked beside another package's kubectl by
    // eng/install-prerequisites.sh.
    private static string KubectlPath => File.Exists("/opt/kubernetes-client/usr/bin/kubectl") ? "/opt/kubernetes-client/usr/bin/kubectl" : "kubectl";

    private static Dictionary<string, string?> Environment() => new()
    {
        ["NUGET_PACKAGES"] = SdkFeed.PackagesDirectory,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["KUBECONFIG"] = "/dev/null",
    };
}
