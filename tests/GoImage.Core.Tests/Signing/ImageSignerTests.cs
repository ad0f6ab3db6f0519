using System.Text;
using System.Text.Json;
using GoImage.Composition;
using GoImage.Images;
using GoImage.Layouts;
using GoImage.Sbom;
using GoImage.Signing;

namespace GoImage.Core.Tests.Signing;

[TestClass]
public sealed class ImageSignerTests
{
    private const string Reference = "127.0.0.1:5000/samples/vendored";

    private static ProvenanceFacts Facts() => new()
    {
        Project = "samples/vendored/vendored.goproj",
        Platforms = ["linux/amd64", "linux/arm/v7"],
        Tags = ["1.0", "latest"],
        BuildFlags = new Dictionary<string, string> { ["-trimpath"] = "true" },
        SdkVersion = "1.2.3",
        GoVersion = "go1.23.5",
        SourceRepository = "https://example.com/org/repo.git",
        SourceRevision = "0123456789abcdef0123456789abcdef01234567",
        BuildInfos =
        [
            new GoBuildInfo("go1.23.5", "example.com/app", new GoModule("example.com/app", "(devel)", ""),
                [new GoModule("github.com/google/uuid", "v1.6.0", "h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=")], []),
        ],
        BuilderId = "urn:goimage:builder:local",
        Time = SampleImage.Created,
    };

    private static (ImageSet Image, SigningKey Key, string PublicPem) SignedSample(TempDirectory temp, bool withSbom = true)
    {
        var sample = SampleImage.Assemble(temp.Path, [SampleImage.Amd64, SampleImage.ArmV7]);
        if (withSbom)
        {
            var spdx = ImageBlob.Create(MediaTypes.SpdxJson, "{\"spdxVersion\":\"SPDX-2.3\"}"u8.ToArray());
            sample = sample with { Referrers = sample.Platforms.Select(p => ImageReferrer.Create(p.Manifest.Descriptor, MediaTypes.SpdxJson, spdx, new Dictionary<string, string>())).ToList() };
        }

        var (privatePem, publicPem) = IndependentTools.NewKey(temp);
        var key = SigningKey.FromPem(privatePem, "k.pem", _ => null);
        return (ImageSigner.Sign(sample, Reference, key, Facts(), SampleImage.Created), key, publicPem);
    }

    private static IEnumerable<Digest> Subjects(ImageSet image) =>
        image.Platforms.Select(p => p.Manifest.Descriptor.Digest).Prepend(image.Index.Descriptor.Digest);

    [TestMethod]
    public void SignatureTag_HoldsTheSimpleSigningPayload_AndOpenSslVerifiesItsSignature()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (image, _, publicPem) = SignedSample(temp);

        foreach (var subject in Subjects(image))
        {
            // Act
            var signature = image.Tagged.Single(t => t.Tag == $"sha256-{subject.Hex}.sig");
            OciSchemas.AssertValid(OciSchemas.Manifest, signature.Manifest.Content);
            using var manifest = JsonDocument.Parse(signature.Manifest.Content);
            var layer = manifest.RootElement.GetProperty("layers").EnumerateArray().Single();
            var payload = signature.Blobs.Single(b => b.Descriptor.Digest.ToString() == layer.GetProperty("digest").GetString()).Content;
            var der = Convert.FromBase64String(layer.GetProperty("annotations").GetProperty(CosignManifest.SignatureAnnotation).GetString()!);

            // Assert
            Assert.AreEqual(SimpleSigningPayload.MediaType, layer.GetProperty("mediaType").GetString());
            Assert.AreEqual(
                $"{{\"critical\":{{\"identity\":{{\"docker-reference\":\"{Reference}\"}},\"image\":{{\"docker-manifest-digest\":\"{subject}\"}},\"type\":\"cosign container image signature\"}},\"optional\":null}}",
                Encoding.UTF8.GetString(payload));
            Assert.IsTrue(IndependentTools.OpenSslVerifies(temp, publicPem, payload, der), $"openssl refused the signature of {subject}");
        }
    }

    [TestMethod]
    public void Attestations_AreDsseEnvelopes_WhosePaeSignatureOpenSslVerifies()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (image, _, publicPem) = SignedSample(temp);
        var platform = image.Platforms[0].Manifest.Descriptor.Digest;

        // Act
        var attestation = image.Tagged.Single(t => t.Tag == $"sha256-{platform.Hex}.att");
        using var manifest = JsonDocument.Parse(attestation.Manifest.Content);
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray().ToList();

        // Assert
        CollectionAssert.AreEqual(
            new[] { SlsaProvenance.PredicateType, ImageSigner.SpdxPredicateType },
            layers.Select(l => l.GetProperty("annotations").GetProperty("predicateType").GetString()).ToArray());
        foreach (var layer in layers)
        {
            Assert.AreEqual(DsseEnvelope.MediaType, layer.GetProperty("mediaType").GetString());
            var envelope = DsseEnvelope.Parse(attestation.Blobs.Single(b => b.Descriptor.Digest.ToString() == layer.GetProperty("digest").GetString()).Content);
            var pae = DsseEnvelope.Pae(envelope.PayloadType, envelope.Payload);
            Assert.IsTrue(IndependentTools.OpenSslVerifies(temp, publicPem, pae, envelope.Signatures.Single().Signature));
            Assert.IsFalse(IndependentTools.OpenSslVerifies(temp, publicPem, envelope.Payload, envelope.Signatures.Single().Signature), "the signature must be over PAE, not the bare payload");
        }
    }

    [TestMethod]
    public void Provenance_ValidatesAgainstStatementAndSlsaSchemas_AndNamesEveryManifest()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (image, _, _) = SignedSample(temp);
        var attestation = image.Tagged.Single(t => t.Tag == $"sha256-{image.Index.Descriptor.Digest.Hex}.att");

        // Act
        var envelope = DsseEnvelope.Parse(attestation.Blobs.Single(b => b.Descriptor.MediaType == DsseEnvelope.MediaType).Content);
        using var statement = JsonDocument.Parse(envelope.Payload);
        var (predicateType, subjects) = InTotoStatement.Read(envelope.Payload);

        // Assert
        Assert.AreEqual(InTotoStatement.PayloadType, envelope.PayloadType);
        Assert.AreEqual(SlsaProvenance.PredicateType, predicateType);
        InTotoSchemas.AssertValid(InTotoSchemas.Statement, statement.RootElement);
        InTotoSchemas.AssertValid(InTotoSchemas.SlsaProvenance, statement.RootElement.GetProperty("predicate"));
        CollectionAssert.AreEquivalent(Subjects(image).ToList(), subjects.ToList());
        var dependencies = statement.RootElement.GetProperty("predicate").GetProperty("buildDefinition").GetProperty("resolvedDependencies").GetRawText();
        StringAssert.Contains(dependencies, "pkg:golang/github.com/google/uuid@v1.6.0");
        StringAssert.Contains(dependencies, "pkg:golang/toolchain@go1.23.5");
        StringAssert.Contains(dependencies, Convert.ToHexString(Convert.FromBase64String("NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=")).ToLowerInvariant());
        Assert.AreEqual(2, statement.RootElement.GetProperty("predicate").GetProperty("runDetails").GetProperty("byproducts").GetArrayLength(), "one SBOM a platform");
    }

    [TestMethod]
    public void Bundles_AreVerifiedBySigstoreJs_AndRefusedForAnotherKeyOrChangedPayload()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (image, _, publicPem) = SignedSample(temp, withSbom: false);
        var (_, otherPem) = IndependentTools.NewKey(temp);
        var bundles = image.Referrers.Where(r => r.ArtifactType == SigstoreBundle.MediaType).ToList();
        Assert.AreEqual(6, bundles.Count, "a signature and a provenance bundle for the index and each platform");

        foreach (var referrer in bundles)
        {
            var bundle = referrer.Blobs.Single(b => b.Descriptor.MediaType == SigstoreBundle.MediaType).Content;

            // Act
            var right = IndependentTools.SigstoreVerify(temp, bundle, publicPem);
            var other = IndependentTools.SigstoreVerify(temp, bundle, otherPem);
            var tampered = IndependentTools.SigstoreVerify(temp, Tamper(bundle), publicPem);

            // Assert
            Assert.IsTrue(right.Verified, right.Output);
            Assert.IsFalse(other.Verified, "another key was accepted: " + other.Output);
            Assert.IsFalse(tampered.Verified, "a changed payload was accepted: " + tampered.Output);
        }
    }

    [TestMethod]
    public void BundleReferrers_CarryCosign3Annotations()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (image, _, _) = SignedSample(temp, withSbom: false);

        // Act
        var referrer = image.Referrers.First(r => r.ArtifactType == SigstoreBundle.MediaType);

        // Assert
        OciSchemas.AssertValid(OciSchemas.Manifest, referrer.Manifest.Content);
        Assert.AreEqual("dsse-envelope", referrer.Annotations[ImageSigner.BundleContentAnnotation]);
        Assert.AreEqual(ImageSigner.CosignSignPredicateType, referrer.Annotations[ImageSigner.BundlePredicateTypeAnnotation]);
        Assert.AreEqual("2023-11-14T22:13:20Z", referrer.Annotations["org.opencontainers.image.created"]);
    }

    [TestMethod]
    public void SigningTwice_GivesIdenticalManifests()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (first, key, _) = SignedSample(temp);
        var unsigned = first with { Referrers = first.Referrers.Where(r => r.ArtifactType == MediaTypes.SpdxJson).ToList(), Tagged = [] };

        // Act
        var second = ImageSigner.Sign(unsigned, Reference, key, Facts(), SampleImage.Created);

        // Assert
        CollectionAssert.AreEqual(first.Tagged.Select(t => t.Manifest.Descriptor.Digest).ToList(), second.Tagged.Select(t => t.Manifest.Descriptor.Digest).ToList());
        CollectionAssert.AreEqual(first.Referrers.Select(t => t.Manifest.Descriptor.Digest).ToList(), second.Referrers.Select(t => t.Manifest.Descriptor.Digest).ToList());
    }

    [TestMethod]
    public void WithoutKey_ProvenanceIsAttachedUnsigned_AndNothingIsTagged()
    {
        // Arrange
        using var temp = new TempDirectory();
        var sample = SampleImage.Assemble(temp.Path);

        // Act
        var image = ImageSigner.Sign(sample, Reference, null, Facts(), SampleImage.Created);

        // Assert
        Assert.AreEqual(0, image.Tagged.Count);
        Assert.AreEqual(sample.Platforms.Count + 1, image.Referrers.Count, "the index and each platform");
        var statement = image.Referrers[0].Blobs.Single(b => b.Descriptor.MediaType == InTotoStatement.PayloadType).Content;
        using var document = JsonDocument.Parse(statement);
        InTotoSchemas.AssertValid(InTotoSchemas.Statement, document.RootElement);
    }

    [TestMethod]
    public void Layout_NamesSignatureAndAttestationTags_AndStoresTheirBlobs()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (image, _, _) = SignedSample(temp);
        var layout = Path.Combine(temp.Path, "layout");

        // Act
        OciLayout.Write(layout, image, ["1.0"], CancellationToken.None);

        // Assert
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(layout, "index.json")));
        OciSchemas.AssertValid(OciSchemas.Index, File.ReadAllBytes(Path.Combine(layout, "index.json")));
        var names = index.RootElement.GetProperty("manifests").EnumerateArray()
            .Select(m => m.GetProperty("annotations").GetProperty(OciLayout.RefNameAnnotation).GetString()).ToHashSet();
        foreach (var subject in Subjects(image))
        {
            Assert.IsTrue(names.Contains($"sha256-{subject.Hex}.sig") && names.Contains($"sha256-{subject.Hex}.att") && names.Contains($"sha256-{subject.Hex}"), string.Join(", ", names));
        }

        foreach (var blob in image.ReferrerBlobs)
        {
            Assert.IsTrue(File.Exists(Path.Combine(layout, "blobs", "sha256", blob.Descriptor.Digest.Hex)), blob.Descriptor.ToString());
        }
    }

    // Replaces the envelope's payload with one that names another digest, keeping the signature.
    private static byte[] Tamper(byte[] bundle)
    {
        var envelope = SigstoreBundle.ReadEnvelope(bundle);
        var text = Encoding.UTF8.GetString(bundle);
        var changed = envelope.Payload.ToArray();
        changed[^3] ^= 1;
        return Encoding.UTF8.GetBytes(text.Replace(Convert.ToBase64String(envelope.Payload), Convert.ToBase64String(changed), StringComparison.Ordinal));
    }
}
