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
    public async Task RePush_AsksForTheRecordedIndexOnce_AndForNoBlob()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        using var registry = await RegistryServer.StartAsync(new RegistryServerOptions { AccessLog = true });
        var records = _hello.PathOf("push-records");
        var digest = new OciLayout(_hello.LayoutPath).ImageIndexDigest;
        var first = InstalledTool.Run(_hello, "push", _hello.LayoutPath, $"{registry.Host}/tool/recorded:1.0", "--push-record", records);
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        var firstRequests = await registry.RequestsAsync();
        var before = firstRequests.Count;
        Assert.AreNotEqual(0, firstRequests.Count(r => r.StartsWith("HEAD /v2/tool/recorded/blobs/", StringComparison.Ordinal)), "the first push asked for blobs");

        var again = InstalledTool.Run(_hello, "push", _hello.LayoutPath, $"{registry.Host}/tool/recorded:1.0", "--push-record", records);

        Assert.AreEqual(0, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Output, "0 uploaded (0 B)");
        var requests = (await registry.RequestsAsync()).Skip(before).ToList();
        var log = string.Join("\n", requests);
        Assert.AreEqual(0, requests.Count(r => r.StartsWith("HEAD /v2/tool/recorded/blobs/", StringComparison.Ordinal)), log);
        Assert.AreEqual(1, requests.Count(r => r.StartsWith($"HEAD /v2/tool/recorded/manifests/{digest} ", StringComparison.Ordinal)), log);
        Assert.AreEqual(digest, RegistryPeers.ManifestDigest(registry, "tool/recorded:1.0"));

        var unrecorded = InstalledTool.Run(_hello, "push", _hello.LayoutPath, $"{registry.Host}/tool/recorded:1.0", "--push-record", "none");

        Assert.AreEqual(0, unrecorded.ExitCode, unrecorded.ToString());
        var blobs = (await registry.RequestsAsync()).Skip(before + requests.Count).Count(r => r.StartsWith("HEAD /v2/tool/recorded/blobs/", StringComparison.Ordinal));
        Assert.IsTrue(blobs > 0, "'none': every blob is asked for");
    }

    // The variable that wins, and the ones also set that it must win over (the targets' order).
    [TestMethod]
    [DataRow("GOIMAGE_CACHE", "XDG_CACHE_HOME,HOME")]
    [DataRow("XDG_CACHE_HOME", "HOME")]
    [DataRow("HOME", "")]
    public void Push_KeepsItsRecordInTheFolderPublishUses(string variable, string alsoSet)
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        var environment = new Dictionary<string, string?>(_hello.Environment)
        {
            ["GOIMAGE_CACHE"] = null,
            ["XDG_CACHE_HOME"] = null,
            ["HOME"] = null,
            // dotnet keeps its own first-run files in the real home, and says nothing about them.
            ["DOTNET_CLI_HOME"] = Environment.GetEnvironmentVariable("HOME") ?? Path.GetTempPath(),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
        foreach (var name in alsoSet.Split(',', StringSplitOptions.RemoveEmptyEntries).Append(variable))
        {
            environment[name] = _hello.PathOf($"{variable}-run-{name}");
            Directory.CreateDirectory(environment[name]!);
        }

        var winner = environment[variable]!;
        var evaluated = Command.Run(
            "dotnet", ["msbuild", _hello.ProjectFile, "-nologo", "-getProperty:ContainerPushRecordDirectory"], _hello.Directory, environment);
        Assert.IsTrue(evaluated.Succeeded, evaluated.ToString());
        var publishes = Path.GetFullPath(evaluated.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]);
        StringAssert.StartsWith(publishes, winner);

        var run = InstalledTool.Run(["push", _hello.LayoutPath, $"{_registry.Host}/tool/record-{variable.ToLowerInvariant()}:1.0"], _hello.Directory, environment);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual(1, Directory.GetFiles(publishes).Length, $"one record in {publishes}");
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
