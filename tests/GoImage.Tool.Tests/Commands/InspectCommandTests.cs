using System.Text.Json;
using GoImage.Images;
using GoImage.Testing;
using GoImage.Tool.Commands;

namespace GoImage.Tool.Tests.Commands;

[TestClass]
public sealed class InspectCommandTests
{
    [TestMethod]
    public async Task Json_OfALayout_HasTheDocumentedShape()
    {
        var layout = Directory.CreateTempSubdirectory("goimage-tool-tests-");
        try
        {
            var digest = WriteLayout(layout.FullName);

            var run = await ImageCommandRun.InvokeAsync(InspectCommand.Create(), layout.FullName, "--json");

            Assert.AreEqual(0, run.ExitCode, run.ToString());
            using var json = JsonDocument.Parse(run.Output);
            CollectionAssert.AreEqual(
                new[] { "reference", "mediaType", "digest", "annotations", "platforms" },
                json.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.AreEqual(digest.ToString(), json.RootElement.GetProperty("digest").GetString());
            var platform = json.RootElement.GetProperty("platforms")[0];
            CollectionAssert.AreEqual(
                new[] { "platform", "manifestDigest", "configDigest", "user", "entrypoint", "cmd", "workingDir", "ports", "env", "labels", "annotations", "created", "layers", "sbom" },
                platform.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.AreEqual("linux/amd64", platform.GetProperty("platform").GetString());
            Assert.AreEqual("8080/tcp", platform.GetProperty("ports")[0].GetString());
            Assert.AreEqual(JsonValueKind.Null, platform.GetProperty("sbom").ValueKind);
        }
        finally
        {
            layout.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task Text_OfALayout_NamesThePlatformAndTheEntrypoint()
    {
        var layout = Directory.CreateTempSubdirectory("goimage-tool-tests-");
        try
        {
            var digest = WriteLayout(layout.FullName);

            var run = await ImageCommandRun.InvokeAsync(InspectCommand.Create(), layout.FullName);

            Assert.AreEqual(0, run.ExitCode, run.ToString());
            StringAssert.Contains(run.Output, digest.ToString());
            StringAssert.Contains(run.Output, "linux/amd64");
            StringAssert.Contains(run.Output, "[\"/app/hello\"]");
        }
        finally
        {
            layout.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task MissingPath_IsAUsageErrorWithItsCode()
    {
        var run = await ImageCommandRun.InvokeAsync(InspectCommand.Create(), "./no/such/layout");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, "error GOI4050: ");
    }

    [TestMethod]
    public async Task Help_ShowsExamplesAndExitCodes()
    {
        var run = await ImageCommandRun.InvokeAsync(InspectCommand.Create(), "--help");

        Assert.AreEqual(0, run.ExitCode);
        StringAssert.Contains(run.Output, "goimage inspect 127.0.0.1:5000/shop/api:1.0 --json");
        StringAssert.Contains(run.Output, "Exit codes: 0");
    }

    // A one-platform image with no layers: enough for the command's plumbing; the core tests cover real layers.
    private static Digest WriteLayout(string directory)
    {
        var platform = new ImagePlatform("linux", "amd64", null);
        var config = new ImageConfig(platform, new ContainerConfig { Entrypoint = ["/app/hello"], ExposedPorts = ["8080/tcp"] }, DateTimeOffset.UnixEpoch).ToBlob();
        var manifest = new ImageManifest(config.Descriptor, []).ToBlob();
        var index = new ImageIndex([manifest.Descriptor with { Platform = platform }]).ToBlob();
        Directory.CreateDirectory(LayoutFiles.BlobsFolder(directory));
        foreach (var blob in new[] { config, manifest, index })
        {
            File.WriteAllBytes(LayoutFiles.BlobPath(directory, blob.Descriptor.Digest.ToString()), blob.Content);
        }

        File.WriteAllText(LayoutFiles.MarkerPath(directory), LayoutFiles.MarkerJson);
        File.WriteAllText(
            LayoutFiles.IndexPath(directory),
            $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"{{{MediaTypes.ImageIndex}}}","digest":"{{{index.Descriptor.Digest}}}","size":{{{index.Descriptor.Size}}},"annotations":{"org.opencontainers.image.ref.name":"1.0"}}]}""");
        return index.Descriptor.Digest;
    }
}
