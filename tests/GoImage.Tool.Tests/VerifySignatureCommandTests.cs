using System.Security.Cryptography;
using GoImage.Composition;
using GoImage.Images;
using GoImage.Layouts;
using GoImage.Signing;
using GoImage.Tool.Commands;

namespace GoImage.Tool.Tests;

[TestClass]
public sealed class VerifySignatureCommandTests
{
    [TestMethod]
    public async Task SignedLayout_WithTheRightKey_IsVerified()
    {
        using var folder = new TempFolder();
        var (publicKey, _) = WriteLayout(folder.Path, sign: true);

        var run = await ImageCommandRun.InvokeAsync(VerifySignatureCommand.Create(), "--key", publicKey, Path.Combine(folder.Path, "layout"));

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "Verified:");
        StringAssert.Contains(run.Output, "attestation https://slsa.dev/provenance/v1");
    }

    [TestMethod]
    public async Task AnotherKey_IsRefused()
    {
        using var folder = new TempFolder();
        WriteLayout(folder.Path, sign: true);
        var other = Path.Combine(folder.Path, "other.pub");
        File.WriteAllText(other, ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfoPem());

        var run = await ImageCommandRun.InvokeAsync(VerifySignatureCommand.Create(), "--key", other, Path.Combine(folder.Path, "layout"));

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "does not verify with this key");
    }

    [TestMethod]
    public async Task ChangedPayload_IsRefused()
    {
        using var folder = new TempFolder();
        var (publicKey, image) = WriteLayout(folder.Path, sign: true);
        var payload = image.Tagged.First(t => t.Tag.EndsWith(".sig", StringComparison.Ordinal)).Blobs.Single(b => b.Descriptor.MediaType == SimpleSigningPayload.MediaType);
        var path = Path.Combine(folder.Path, "layout", "blobs", "sha256", payload.Descriptor.Digest.Hex);
        File.WriteAllText(path, File.ReadAllText(path).Replace("cosign container image signature", "cosign container image signaturE", StringComparison.Ordinal));

        var run = await ImageCommandRun.InvokeAsync(VerifySignatureCommand.Create(), "--key", publicKey, Path.Combine(folder.Path, "layout"));

        Assert.AreEqual(1, run.ExitCode, run.ToString());
    }

    [TestMethod]
    public async Task MissingSignature_IsRefused()
    {
        using var folder = new TempFolder();
        var (publicKey, _) = WriteLayout(folder.Path, sign: false);

        var run = await ImageCommandRun.InvokeAsync(VerifySignatureCommand.Create(), "--key", publicKey, Path.Combine(folder.Path, "layout"));

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "no signature at sha256-");
    }

    [TestMethod]
    public async Task UnreadableKey_IsUsageError()
    {
        using var folder = new TempFolder();
        WriteLayout(folder.Path, sign: true);

        var run = await ImageCommandRun.InvokeAsync(VerifySignatureCommand.Create(), "--key", Path.Combine(folder.Path, "absent.pub"), Path.Combine(folder.Path, "layout"));

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "GOI6007");
    }

    private static (string PublicKey, ImageSet Image) WriteLayout(string directory, bool sign)
    {
        var platform = new ImagePlatform("linux", "amd64", null);
        var config = new ImageConfig(platform, new ContainerConfig { Entrypoint = ["/app/hello"] }, DateTimeOffset.UnixEpoch).ToBlob();
        var manifest = new ImageManifest(config.Descriptor, []).ToBlob();
        var index = new ImageIndex([manifest.Descriptor with { Platform = platform }]).ToBlob();
        var image = new ImageSet(index, [new PlatformImage(platform, [], config, manifest)]);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = SigningKey.FromPem(ecdsa.ExportPkcs8PrivateKeyPem(), "test", _ => null);
        var facts = new ProvenanceFacts
        {
            Project = "hello.goproj", Platforms = ["linux/amd64"], Tags = ["1.0"], SdkVersion = "0", GoVersion = "go1.23.5",
            BuilderId = BuilderIdentity.Local, Time = DateTimeOffset.UnixEpoch,
        };
        image = ImageSigner.Sign(image, "127.0.0.1:5000/hello", sign ? key : null, facts, DateTimeOffset.UnixEpoch);
        OciLayout.Write(Path.Combine(directory, "layout"), image, ["1.0"], CancellationToken.None);
        var publicKey = Path.Combine(directory, "signer.pub");
        File.WriteAllText(publicKey, key.PublicKey.Pem);
        return (publicKey, image);
    }
}
