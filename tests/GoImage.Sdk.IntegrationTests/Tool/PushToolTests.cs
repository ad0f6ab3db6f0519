using System.Text.Json;

namespace GoImage.Sdk.IntegrationTests.Tool;

/// <summary><c>goimage push</c> of samples/hello's published layout to a real registry, judged by skopeo; then <c>goimage inspect</c> reads it back.</summary>
[TestClass]
public sealed class PushToolTests
{
    private static RegistryServer _registry = null!;
    private static GoProject _hello = null!;
    private static CommandResult _publish = null!;

    [ClassInitialize]
    public static async Task PublishHello(TestContext context)
    {
        _registry = await RegistryServer.StartAsync();
        _hello = GoProject.FromSample("hello");
        _publish = _hello.Publish();
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _hello.Dispose();
        _registry.Dispose();
    }

    [TestMethod]
    public void Push_OfTheLayout_LeavesTheLayoutsDigestUnderTheTag()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        var digest = new OciLayout(_hello.LayoutPath).ImageIndexDigest;

        var run = InstalledTool.Run(_hello, "push", _hello.LayoutPath, $"{_registry.Host}/tool/hello:1.0");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, $"{_registry.Host}/tool/hello:1.0@{digest}");
        Assert.AreEqual(digest, RegistryPeers.ManifestDigest(_registry, "tool/hello:1.0"));
    }

    [TestMethod]
    public void Inspect_OfThePushedReference_ReadsTheSameImageFromTheRegistry()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        var layout = new OciLayout(_hello.LayoutPath);
        var push = InstalledTool.Run(_hello, "push", _hello.LayoutPath, $"{_registry.Host}/tool/inspected:2.0");
        Assert.AreEqual(0, push.ExitCode, push.ToString());

        var run = InstalledTool.Run(_hello, "inspect", $"{_registry.Host}/tool/inspected:2.0", "--json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.AreEqual(layout.ImageIndexDigest, json.GetProperty("digest").GetString());
        Assert.AreEqual(layout.ManifestDigest("amd64"), json.GetProperty("platforms")[0].GetProperty("manifestDigest").GetString());
    }
}
