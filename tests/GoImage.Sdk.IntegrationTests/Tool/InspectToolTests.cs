using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GoImage.Sdk.IntegrationTests.Tool;

/// <summary><c>goimage inspect</c> on samples/hello's published layout and tarball, judged by the layout itself and skopeo.</summary>
[TestClass]
public sealed class InspectToolTests
{
    private static GoProject _hello = null!;
    private static CommandResult _publish = null!;
    private static string _archive = "";

    [ClassInitialize]
    public static void PublishHello(TestContext context)
    {
        _hello = GoProject.FromSample("hello");
        _archive = _hello.PathOf("bin/hello-image.tar");
        _publish = _hello.Publish($"-p:ContainerArchiveOutputPath={_archive}");
    }

    [ClassCleanup]
    public static void Cleanup() => _hello.Dispose();

    [TestMethod]
    public void Json_OfTheLayout_AgreesWithTheLayoutAndSkopeo()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        var layout = new OciLayout(_hello.LayoutPath);

        var run = InstalledTool.Run(_hello, "inspect", _hello.LayoutPath, "--json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.AreEqual(layout.ImageIndexDigest, json.GetProperty("digest").GetString());
        var raw = Peers.Skopeo("inspect", "--raw", $"oci:{_hello.LayoutPath}:1.4.2");
        Peers.Expect(raw);
        Assert.AreEqual(json.GetProperty("digest").GetString(), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw.Output.TrimEnd('\n')))));
        var platforms = json.GetProperty("platforms").EnumerateArray().ToList();
        CollectionAssert.AreEqual(new[] { "linux/amd64", "linux/arm64" }, platforms.Select(p => p.GetProperty("platform").GetString()).ToArray());
        Assert.AreEqual(layout.ManifestDigest("arm64"), platforms[1].GetProperty("manifestDigest").GetString());
        CollectionAssert.AreEqual(layout.LayerDigests("amd64").ToArray(), platforms[0].GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()).ToArray());
        Assert.AreEqual("65532:65532", platforms[0].GetProperty("user").GetString());
        Assert.AreEqual("8080/tcp", platforms[0].GetProperty("ports")[0].GetString());
    }

    [TestMethod]
    public void Json_OfTheTarball_NamesTheSameImageAsTheLayout()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());

        var run = InstalledTool.Run(_hello, "inspect", _archive, "--json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual(new OciLayout(_hello.LayoutPath).ImageIndexDigest, JsonDocument.Parse(run.Output).RootElement.GetProperty("digest").GetString());
    }

    [TestMethod]
    public void Text_ShowsEachPlatformAndItsEntrypoint()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());

        var run = InstalledTool.Run(_hello, "inspect", _hello.LayoutPath);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "linux/arm64");
        StringAssert.Contains(run.Output, "[\"/app/hello\"]");
    }
}
