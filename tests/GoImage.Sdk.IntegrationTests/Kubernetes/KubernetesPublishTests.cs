using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace GoImage.Sdk.IntegrationTests.Kubernetes;

/// <summary>
/// samples/hello published to a loopback docker-registry with KubernetesManifest items: the written manifests differ
/// from the sources only in the goimage:// scalars, and the references they hold answer in the registry.
/// </summary>
[TestClass]
public sealed class KubernetesPublishTests
{
    private const string Deployment = """
        # hello: the sample service. Its image line is written by dotnet publish (goimage://hello here stays).
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: hello, labels: {app: hello}}   # a flow-style map
        spec:
          selector:
            matchLabels: {app: hello}
          template:
            metadata:
              labels: {app: hello}
            spec:
              containers:
                - name: hello
                  image: goimage://hello
                - name: proxy
                  image: "docker.io/library/nginx:1.27"   # a quoted sidecar image, left alone
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: hello-notes
        data:
          notes: "deploy goimage://hello with dotnet publish"

        """;

    private static RegistryServer _registry = null!;
    private static GoProject _hello = null!;

    [ClassInitialize]
    public static async Task StartRegistry(TestContext context)
    {
        _registry = await RegistryServer.StartAsync();
        _hello = GoProject.FromSample("hello");
        WriteFile(_hello.PathOf("deploy/hello.yaml"), Deployment);
        // The manifests of a test come in through a property, so each test publishes the one project with its own set.
        _hello.AddToProject("""<ItemGroup><KubernetesManifest Include="$(TestManifests);$(MoreTestManifests)" /></ItemGroup>""");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _hello.Dispose();
        _registry.Dispose();
    }

    [TestMethod]
    public async Task Publish_ChangesOnlyTheImageLine_ToAReferenceTheRegistryHas()
    {
        // Act
        var publish = Publish($"-p:ContainerRegistry={_registry.Host}", "-p:TestManifests=deploy/hello.yaml",
            "-p:KubernetesManifestOutputPath=out-pinned/", "-getProperty:GeneratedContainerReference", "-getItem:GeneratedKubernetesManifest", "-t:Publish");

        // Assert
        Assert.IsTrue(publish.Succeeded, publish.ToString());
        var json = JsonDocument.Parse(publish.Output[publish.Output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        var reference = json.GetProperty("Properties").GetProperty("GeneratedContainerReference").GetString()!;
        var written = _hello.PathOf("out-pinned/deploy/hello.yaml");
        Assert.AreEqual(written, json.GetProperty("Items").GetProperty("GeneratedKubernetesManifest")[0].GetProperty("FullPath").GetString());
        var before = Deployment.Split('\n');
        var after = File.ReadAllText(written).Split('\n');
        Assert.AreEqual(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        Assert.AreEqual(1, changed.Count, File.ReadAllText(written));
        Assert.AreEqual("          image: goimage://hello", before[changed[0]]);
        Assert.AreEqual($"          image: {reference}", after[changed[0]]);
        StringAssert.StartsWith(reference, $"{_registry.Host}/goimage/hello@sha256:");
        Assert.AreEqual(HttpStatusCode.OK, await HeadManifestAsync(reference));
    }

    [TestMethod]
    public async Task Publish_ResolvesAnotherProjectsName_PushingThatProjectToo_InTagStyle()
    {
        // A second project in hello's folder tree (the same Go program) that the manifest names as goimage://greeter.
        WriteFile(_hello.PathOf("greeter/greeter.goproj"), """
            <Project Sdk="GoImage.Sdk">
              <PropertyGroup>
                <GoPackage>..</GoPackage>
                <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
                <Version>2.0.0</Version>
                <ContainerImageTag>2.0.0</ContainerImageTag>
                <ContainerRepository>goimage/greeter</ContainerRepository>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(_hello.PathOf("deploy/both.yaml"), "images: [goimage://hello, 'goimage://greeter']\n");

        // Act
        var publish = Publish($"-p:ContainerRegistry={_registry.Host}", "-p:TestManifests=deploy/both.yaml",
            "-p:KubernetesManifestOutputPath=out-both/", "-p:ContainerKubernetesReference=tag");

        // Assert
        Assert.IsTrue(publish.Succeeded, publish.ToString());
        var text = File.ReadAllText(_hello.PathOf("out-both/deploy/both.yaml"));
        var match = System.Text.RegularExpressions.Regex.Match(text,
            @"^images: \[(?<hello>[^,]+:1\.4\.2@sha256:[0-9a-f]{64}), '(?<greeter>[^']+/goimage/greeter:2\.0\.0@sha256:[0-9a-f]{64})'\]\n$");
        Assert.IsTrue(match.Success, text);
        Assert.AreEqual(HttpStatusCode.OK, await HeadManifestAsync(match.Groups["hello"].Value));
        Assert.AreEqual(HttpStatusCode.OK, await HeadManifestAsync(match.Groups["greeter"].Value));
        Assert.AreEqual(match.Groups["greeter"].Value[(match.Groups["greeter"].Value.IndexOf('@', StringComparison.Ordinal) + 1)..],
            RegistryPeers.ManifestDigest(_registry, "goimage/greeter:2.0.0"));
    }

    [TestMethod]
    public void UnknownName_IsGoi5002_AtFileLineColumn_AndWritesNothing()
    {
        File.WriteAllText(_hello.PathOf("deploy/unknown.yaml"), "kind: Pod\nspec:\n  containers:\n    - image: goimage://nosuch\n");

        // Act: the good manifest beside it is not written either.
        var publish = Publish($"-p:ContainerRegistry={_registry.Host}", "-p:TestManifests=deploy/hello.yaml", "-p:MoreTestManifests=deploy/unknown.yaml",
            "-p:KubernetesManifestOutputPath=out-unknown/");

        // Assert
        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, $"{_hello.PathOf("deploy/unknown.yaml")}(4,14): error GOI5002: 'goimage://nosuch' names no project");
        Assert.IsFalse(Directory.Exists(_hello.PathOf("out-unknown")), "no manifest written");
    }

    [TestMethod]
    public void InvalidYaml_IsGoi5001_WithItsPosition()
    {
        File.WriteAllText(_hello.PathOf("deploy/broken.yaml"), "kind: Pod\nmetadata:\n  name: \"unterminated\n");

        // Act
        var publish = Publish($"-p:ContainerRegistry={_registry.Host}", "-p:TestManifests=deploy/broken.yaml",
            "-p:KubernetesManifestOutputPath=out-broken/");

        // Assert
        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Matches(publish.Output, new System.Text.RegularExpressions.Regex(@"deploy/broken\.yaml\(\d+,\d+\): error GOI5001: The Kubernetes manifest is not valid YAML"));
        Assert.IsFalse(Directory.Exists(_hello.PathOf("out-broken")));
    }

    [TestMethod]
    public void PublishWithoutRegistry_IsGoi5004_AtTheName()
    {
        // Act
        var publish = Publish("-p:TestManifests=deploy/hello.yaml", "-p:KubernetesManifestOutputPath=out-local/");

        // Assert
        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, $"{_hello.PathOf("deploy/hello.yaml")}(14,18): error GOI5004:");
        Assert.IsFalse(Directory.Exists(_hello.PathOf("out-local")));
    }

    [TestMethod]
    public void SecondPublish_WithNothingChanged_DoesNotWriteTheManifestAgain()
    {
        var first = Publish($"-p:ContainerRegistry={_registry.Host}", "-p:TestManifests=deploy/hello.yaml", "-p:KubernetesManifestOutputPath=out-again/");
        Assert.IsTrue(first.Succeeded, first.ToString());
        var written = File.GetLastWriteTimeUtc(_hello.PathOf("out-again/deploy/hello.yaml"));

        // Act
        var second = Publish($"-p:ContainerRegistry={_registry.Host}", "-p:TestManifests=deploy/hello.yaml", "-p:KubernetesManifestOutputPath=out-again/");

        // Assert
        Assert.IsTrue(second.Succeeded, second.ToString());
        StringAssert.Contains(second.Output, "Skipping target \"_KubernetesWriteManifests\" because all output files are up-to-date");
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(_hello.PathOf("out-again/deploy/hello.yaml")));
    }

    // One platform: the manifests do not depend on how many there are, and the test machine is shared.
    private static CommandResult Publish(params string[] extra) => _hello.Publish(["-p:GoTargetPlatforms=linux/amd64", .. extra]);

    private static void WriteFile(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static async Task<HttpStatusCode> HeadManifestAsync(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var name = reference[(reference.IndexOf('/', StringComparison.Ordinal) + 1)..at];
        var repository = name.Contains(':', StringComparison.Ordinal) ? name[..name.IndexOf(':', StringComparison.Ordinal)] : name;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(_registry.BaseAddress, $"v2/{repository}/manifests/{reference[(at + 1)..]}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.index.v1+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
