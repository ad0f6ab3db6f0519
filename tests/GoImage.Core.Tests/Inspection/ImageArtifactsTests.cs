using System.Security.Cryptography;
using System.Text.Json;
using GoImage.Core.Tests.Registry;
using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Composition;
using GoImage.Core.Tests.Signing;
using GoImage.Images;
using GoImage.Inspection;
using GoImage.Layouts;
using GoImage.Registry;
using GoImage.Signing;
using GoImage.Testing;

namespace GoImage.Core.Tests.Inspection;

/// <summary>
/// <c>goimage inspect</c>'s list of signatures, attestations and referrers, on a layout that ImageSigner signed
/// with a key openssl made; what is expected is read from the layout's own JSON, and the key hint from openssl's key.
/// </summary>
[TestClass]
public sealed class ImageArtifactsTests
{
    private const string Slsa = "https://slsa.dev/provenance/v1";

    private static ProvenanceFacts Facts() => new()
    {
        Project = "app.goproj",
        Platforms = ["linux/amd64", "linux/arm/v7"],
        Tags = ["1.0"],
        SdkVersion = "1.0.0",
        GoVersion = "go1.23.5",
        BuilderId = "urn:goimage:builder:local",
        Time = SampleImage.Created,
    };

    // The sample image with an SPDX referrer per platform, signed (or only attested) and written as a publish writes it.
    private static (ImageSet Image, string PublicPem) WriteLayout(TempDirectory temp, bool sign)
    {
        var sample = SampleImage.Assemble(temp.CreateDirectory("layers"), [SampleImage.Amd64, SampleImage.ArmV7]);
        var spdx = ImageBlob.Create(MediaTypes.SpdxJson, "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{},{}]}"u8.ToArray());
        sample = sample with { Referrers = sample.Platforms.Select(p => ImageReferrer.Create(p.Manifest.Descriptor, MediaTypes.SpdxJson, spdx, new Dictionary<string, string>())).ToList() };
        var (privatePem, publicPem) = IndependentTools.NewKey(temp);
        var key = sign ? SigningKey.FromPem(privatePem, "k.pem", _ => null) : null;
        var image = ImageSigner.Sign(sample, "127.0.0.1:5000/app", key, Facts(), SampleImage.Created);
        OciLayout.Write(temp.Combine("layout"), image, ["1.0"], CancellationToken.None);
        return (image, publicPem);
    }

    private static async Task<ImageInspection> InspectAsync(string layout)
    {
        using var source = LayoutImageSource.Open(layout, null);
        return await ImageInspector.InspectAsync(source, CancellationToken.None);
    }

    [TestMethod]
    public async Task SignedLayout_ListsTheSigAndAttTagsLayers_AndTheBundleReferrers_OfTheIndexAndEachPlatform()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (image, _) = WriteLayout(temp, sign: true);
        var layout = temp.Combine("layout");

        // Act
        var inspection = await InspectAsync(layout);

        // Assert: the index has a signature, the provenance attestation and a bundle for each; a platform also its SBOM, attested and as a referrer.
        Assert.AreEqual(
            "signature sig 1, attestation att 1 " + Slsa + ", bundle referrer 1 https://sigstore.dev/cosign/sign/v1, bundle referrer 1 " + Slsa,
            Describe(inspection.Artifacts.OrderBy(a => a.Kind).ThenBy(a => a.PredicateType, StringComparer.Ordinal)));
        foreach (var platform in inspection.Platforms)
        {
            var artifacts = platform.Artifacts;
            Assert.AreEqual(1, artifacts.Count(a => a.Kind == ArtifactKind.Sbom), platform.Platform);
            Assert.AreEqual(0, artifacts.Single(a => a.Kind == ArtifactKind.Sbom).Signatures, "an SBOM referrer carries no signature");
            CollectionAssert.AreEquivalent(new[] { Slsa, ImageSigner.SpdxPredicateType }, artifacts.Where(a => a.Tag is not null && a.Kind == ArtifactKind.Attestation).Select(a => a.PredicateType).ToArray());
            Assert.AreEqual(3, artifacts.Count(a => a.Kind == ArtifactKind.Bundle), "signature, provenance and SBOM bundles");
        }

        // Every artifact's manifest and content blob are where the layout says, with the content's own digest.
        foreach (var artifact in inspection.Artifacts.Concat(inspection.Platforms.SelectMany(p => p.Artifacts)))
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(LayoutFiles.BlobPath(layout, artifact.ManifestDigest.ToString())));
            var layer = manifest.RootElement.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("digest").GetString() == artifact.Digest.ToString());
            Assert.AreEqual(layer.GetProperty("mediaType").GetString(), artifact.MediaType);
            Assert.AreEqual(artifact.Digest.ToString(), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(LayoutFiles.BlobPath(layout, artifact.Digest.ToString())))));
        }

        Assert.AreEqual(image.Index.Descriptor.Digest, inspection.Digest);
    }

    [TestMethod]
    public async Task Bundles_NameTheKeyByTheHintOfOpenSslsPublicKey()
    {
        // Arrange: the hint is base64 of the SHA-256 of the DER public key; openssl gives the DER.
        using var temp = new TempDirectory();
        var (_, publicPem) = WriteLayout(temp, sign: true);
        var pem = temp.Write("key.pub", publicPem);
        var der = temp.Combine("key.der");
        IndependentTools.OpenSsl("pkey", "-pubin", "-in", pem, "-outform", "DER", "-out", der);
        var hint = Convert.ToBase64String(SHA256.HashData(File.ReadAllBytes(der)));

        // Act
        var inspection = await InspectAsync(temp.Combine("layout"));

        // Assert
        var bundles = inspection.Platforms.SelectMany(p => p.Artifacts).Concat(inspection.Artifacts).Where(a => a.Kind == ArtifactKind.Bundle).ToList();
        Assert.HasCount(8, bundles);
        Assert.IsTrue(bundles.All(b => b.KeyHint == hint && b.Signatures == 1 && b.Problem is null), Describe(bundles));
    }

    [TestMethod]
    public async Task UnsignedProvenance_IsAnAttestationWithNoSignature()
    {
        // Arrange
        using var temp = new TempDirectory();
        WriteLayout(temp, sign: false);

        // Act
        var inspection = await InspectAsync(temp.Combine("layout"));

        // Assert
        Assert.AreEqual("attestation referrer 0 " + Slsa, Describe(inspection.Artifacts));
        Assert.AreEqual(2, inspection.Platforms[0].Artifacts.Count, "the SBOM and the provenance");
        Assert.IsTrue(inspection.Platforms.SelectMany(p => p.Artifacts).All(a => a.Signatures == 0 && a.Tag is null));
    }

    [TestMethod]
    public async Task ImageWithoutReferrers_HasNoArtifacts()
    {
        using var temp = new TempDirectory();
        SyntheticLayout.Write(temp.Path, [SyntheticPlatform.Simple("amd64")]);

        var inspection = await InspectAsync(temp.Path);

        Assert.IsEmpty(inspection.Artifacts);
        Assert.IsEmpty(inspection.Platforms[0].Artifacts);
    }

    [TestMethod]
    public async Task Registry_WithoutReferrersApi_ListsTheSameArtifactsAsTheLayout()
    {
        // Arrange: the signed layout uploaded as a registry without the referrers API keeps it (fallback and cosign tags).
        using var temp = new TempDirectory();
        WriteLayout(temp, sign: true);
        var layout = temp.Combine("layout");
        await using var registry = await FakeRegistry.StartAsync();
        ImageInspectorTests.Upload(registry, layout);
        Assert.IsTrue(ImageReference.TryParse($"{registry.Host}/{RegistryTestKit.Repository}:1.0", out var reference, out _));

        // Act
        using var source = new RegistryImageSource(RegistryTestKit.Client(registry, role: RegistryRole.Pull), reference);
        var fromRegistry = await ImageInspector.InspectAsync(source, CancellationToken.None);
        var fromLayout = await InspectAsync(layout);

        // Assert
        Assert.AreEqual(Describe(fromLayout.Artifacts), Describe(fromRegistry.Artifacts));
        for (var i = 0; i < fromLayout.Platforms.Count; i++)
        {
            Assert.AreEqual(Describe(fromLayout.Platforms[i].Artifacts), Describe(fromRegistry.Platforms[i].Artifacts));
        }
    }

    private static string Describe(IEnumerable<ArtifactInspection> artifacts) => string.Join(", ", artifacts.Select(a =>
        $"{InspectionText.Name(a.Kind)} {(a.Tag is { } tag ? tag[(tag.LastIndexOf('.') + 1)..] : "referrer")} {a.Signatures}{(a.PredicateType is null ? "" : " " + a.PredicateType)}"));
}
