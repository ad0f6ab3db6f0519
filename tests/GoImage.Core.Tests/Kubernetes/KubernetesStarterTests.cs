using GoImage.Kubernetes;

namespace GoImage.Core.Tests.Kubernetes;

[TestClass]
public sealed class KubernetesStarterTests
{
    [TestMethod]
    public void TemplatesStarter_IsWhatRenderWritesForTheTemplatesProject()
    {
        // The dotnet new template cannot run code: its deploy file is this text, with the template's name tokens.
        var rendered = KubernetesStarter.Render("GOIMAGE_SERVICE_NAME", [new StarterPort(8080, "TCP")], ["/app/GOIMAGE_SERVICE_NAME", "-healthcheck"], 30, 3)
            .Replace("goimage-service-name", "GOIMAGE_KUBERNETES_NAME", StringComparison.Ordinal);

        var template = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "GoImage.Templates", "content", "goimage", "deploy", "GoService.yaml"));

        Assert.AreEqual(rendered, template);
    }

    [TestMethod]
    public void Render_HasTheImagesSecurityContext_AndTheSchemeReference()
    {
        var text = KubernetesStarter.Render("api", [new StarterPort(8080, "TCP")], []);

        foreach (var expected in new[] { "runAsNonRoot: true", "runAsUser: 65532", "readOnlyRootFilesystem: true", "allowPrivilegeEscalation: false",
                     "drop: [\"ALL\"]", "type: RuntimeDefault", "mountPath: /tmp", "emptyDir: {}", "image: goimage://api\n", "kind: Service" })
        {
            StringAssert.Contains(text, expected);
        }

        Assert.AreEqual("api", KubernetesManifest.Parse("api.yaml", text).Images.Single().Name);
    }

    [TestMethod]
    public void Render_WithoutPorts_HasNoService()
    {
        var text = KubernetesStarter.Render("worker", [], []);

        Assert.IsFalse(text.Contains("kind: Service", StringComparison.Ordinal), text);
        Assert.IsFalse(text.Contains("ports:", StringComparison.Ordinal), text);
    }

    [TestMethod]
    [DataRow("Shop_Api", "shop-api")]
    [DataRow("--x..y--", "x-y")]
    [DataRow("___", "app")]
    public void ObjectName_IsADnsLabel(string project, string expected) => Assert.AreEqual(expected, KubernetesStarter.ObjectName(project));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoImage.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
