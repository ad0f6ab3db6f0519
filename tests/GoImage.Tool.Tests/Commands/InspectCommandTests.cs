using System.Security.Cryptography;
using System.Text.Json;
using GoImage.Composition;
using GoImage.Images;
using GoImage.Layouts;
using GoImage.Signing;
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
                new[] { "reference", "mediaType", "digest", "annotations", "platforms", "artifacts", "signaturesVerified" },
                json.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.AreEqual(digest.ToString(), json.RootElement.GetProperty("digest").GetString());
            var platform = json.RootElement.GetProperty("platforms")[0];
            CollectionAssert.AreEqual(
                new[] { "platform", "manifestDigest", "configDigest", "user", "entrypoint", "cmd", "workingDir", "ports", "env", "labels", "annotations", "created", "layers", "sbom", "artifacts" },
                platform.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.AreEqual("linux/amd64", platform.GetProperty("platform").GetString());
            Assert.AreEqual("8080/tcp", platform.GetProperty("ports")[0].GetString());
            Assert.AreEqual(JsonValueKind.Null, platform.GetProperty("sbom").ValueKind);
            Assert.AreEqual(0, platform.GetProperty("artifacts").GetArrayLength());
            Assert.IsFalse(json.RootElement.GetProperty("signaturesVerified").GetBoolean());
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
    public async Task Json_OfASignedLayout_ListsEachArtifactWithTheDocumentedShape()
    {
        using var folder = new TempFolder();
        var image = SignedLayout(folder.Path);

        var run = await ImageCommandRun.InvokeAsync(InspectCommand.Create(), Path.Combine(folder.Path, "layout"), "--json");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var artifacts = json.RootElement.GetProperty("artifacts").EnumerateArray().ToList();
        CollectionAssert.AreEqual(
            new[] { "kind", "tag", "manifestDigest", "artifactType", "mediaType", "digest", "size", "predicateType", "signatures", "keyHint", "problem" },
            artifacts[0].EnumerateObject().Select(p => p.Name).ToArray());
        var signature = artifacts.Single(a => a.GetProperty("kind").GetString() == "signature");
        var tagged = image.Tagged.Single(t => t.Tag == $"sha256-{image.Index.Descriptor.Digest.Hex}.sig");
        Assert.AreEqual(tagged.Tag, signature.GetProperty("tag").GetString());
        Assert.AreEqual(tagged.Manifest.Descriptor.Digest.ToString(), signature.GetProperty("manifestDigest").GetString());
        Assert.AreEqual(1, signature.GetProperty("signatures").GetInt32());
        var bundle = artifacts.First(a => a.GetProperty("kind").GetString() == "bundle");
        Assert.AreEqual(JsonValueKind.Null, bundle.GetProperty("tag").ValueKind);
        Assert.AreEqual("application/vnd.dev.sigstore.bundle.v0.3+json", bundle.GetProperty("artifactType").GetString());
        Assert.IsFalse(string.IsNullOrEmpty(bundle.GetProperty("keyHint").GetString()));
        Assert.IsTrue(json.RootElement.GetProperty("platforms")[0].GetProperty("artifacts").EnumerateArray()
            .Any(a => a.GetProperty("kind").GetString() == "attestation" && a.GetProperty("predicateType").GetString() == "https://slsa.dev/provenance/v1"));
    }

    [TestMethod]
    public async Task Text_OfASignedLayout_ListsTheSignaturesAndSaysTheyWereNotVerified()
    {
        using var folder = new TempFolder();
        SignedLayout(folder.Path);

        var run = await ImageCommandRun.InvokeAsync(InspectCommand.Create(), Path.Combine(folder.Path, "layout"));

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "not verified: goimage verify-signature");
        StringAssert.Contains(run.Output, "tag .sig");
        StringAssert.Contains(run.Output, "https://slsa.dev/provenance/v1  1 signature");
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

    // The same image, signed and attested with a fresh key, written as a publish writes it.
    private static ImageSet SignedLayout(string directory)
    {
        var platform = new ImagePlatform("linux", "amd64", null);
        var config = new ImageConfig(platform, new ContainerConfig { Entrypoint = ["/app/hello"] }, DateTimeOffset.UnixEpoch).ToBlob();
        var manifest = new ImageManifest(config.Descriptor, []).ToBlob();
        var index = new ImageIndex([manifest.Descriptor with { Platform = platform }]).ToBlob();
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var facts = new ProvenanceFacts
        {
            Project = "hello.goproj", Platforms = ["linux/amd64"], Tags = ["1.0"], SdkVersion = "0", GoVersion = "go1.23.5",
            BuilderId = BuilderIdentity.Local, Time = DateTimeOffset.UnixEpoch,
        };
        var image = ImageSigner.Sign(
            new ImageSet(index, [new PlatformImage(platform, [], config, manifest)]), "127.0.0.1:5000/hello",
            SigningKey.FromPem(ecdsa.ExportPkcs8PrivateKeyPem(), "test", _ => null), facts, DateTimeOffset.UnixEpoch);
        OciLayout.Write(Path.Combine(directory, "layout"), image, ["1.0"], CancellationToken.None);
        return image;
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
