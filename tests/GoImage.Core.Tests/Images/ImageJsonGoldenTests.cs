using System.Text;
using GoImage.Composition;
using GoImage.Images;
using GoImage.Layouts;

namespace GoImage.Core.Tests.Images;

/// <summary>
/// Pins the bytes, and so the digests, of the JSON blobs: Golden/image-config.json,
/// image-manifest.json and image-index.json from <see cref="SampleImage"/>, and layout-index.json,
/// a layout's index.json naming that index under two tags.
/// </summary>
/// <remarks>
/// Checked once with tools that share no code with ours: Python's json module parsed each file,
/// and <c>json.dumps(parsed, separators=(',', ':'), ensure_ascii=False)</c> gave back exactly the same
/// bytes (so there is no whitespace, only '"', '\' and control characters are escaped, '+' and
/// non-ASCII are raw UTF-8); map objects (ExposedPorts, Labels, annotations) were in sorted key
/// order; <c>sha256sum</c> gave the digests below; every digest and size inside (diff_id = sha256 of
/// small-layer.tar, config and layer descriptors, index and layout entries) matched the file it
/// names; and Python's jsonschema (Draft4Validator, format checks on) found all four valid against
/// the OCI image-spec schemas.
/// </remarks>
[TestClass]
public sealed class ImageJsonGoldenTests
{
    private const string ConfigDigest = "sha256:00da6e80ee71952124dca4af2cabf8bb17da275dc4ddc6b26d978d2d68493c6b";
    private const string ManifestDigest = "sha256:ace64684c8f041f19872d5c6dc3a84287a0ebae7e3309c6a45ad7ade199be17e";
    private const string IndexDigest = "sha256:6af42137708297a32702734fe8d832a79a48039a8b1409f4239e52664171ecc5";
    private const string LayoutIndexDigest = "sha256:54d5686f9a587f02f2b6f70ba5d99f75f1de7847949634967c04d3b581c21273";

    // Text first, so a failure shows where the JSON differs; then the bytes and the pinned digest.
    private static void AssertGolden(string goldenName, string goldenDigest, byte[] actual)
    {
        var golden = GoldenFile.Read(goldenName);
        Assert.AreEqual(Encoding.UTF8.GetString(golden), Encoding.UTF8.GetString(actual), $"{goldenName} changed");
        CollectionAssert.AreEqual(golden, actual);
        Assert.AreEqual(goldenDigest, Digest.Of(actual).ToString());
    }

    // Descriptor equality would compare its Annotations dictionary by reference: compare the fields.
    private static void AssertDescriptor(string mediaType, string digest, long size, Descriptor descriptor)
    {
        Assert.AreEqual(mediaType, descriptor.MediaType);
        Assert.AreEqual(digest, descriptor.Digest.ToString());
        Assert.AreEqual(size, descriptor.Size);
        Assert.IsNull(descriptor.Platform);
        Assert.AreEqual(0, descriptor.Annotations.Count);
    }

    [TestMethod]
    public void ConfigToBlob_GivesGoldenBytes()
    {
        // Act
        var blob = SampleImage.Config(SampleImage.Amd64);

        // Assert
        AssertGolden("image-config.json", ConfigDigest, blob.Content);
        AssertDescriptor(MediaTypes.ImageConfig, ConfigDigest, 759, blob.Descriptor);
    }

    [TestMethod]
    public void ManifestToBlob_GivesGoldenBytes()
    {
        // Act
        var blob = SampleImage.Manifest(SampleImage.Amd64);

        // Assert
        AssertGolden("image-manifest.json", ManifestDigest, blob.Content);
        AssertDescriptor(MediaTypes.ImageManifest, ManifestDigest, 591, blob.Descriptor);
    }

    [TestMethod]
    public void IndexToBlob_GivesGoldenBytes()
    {
        // Act
        var blob = SampleImage.Index();

        // Assert
        AssertGolden("image-index.json", IndexDigest, blob.Content);
        AssertDescriptor(MediaTypes.ImageIndex, IndexDigest, 694, blob.Descriptor);
    }

    [TestMethod]
    public void IndexJson_GivesGoldenLayoutIndex()
    {
        // Act
        var json = LayoutContents.Of(new ImageSet(SampleImage.Index(), []), ["1.4.2", "latest"]).IndexJson;

        // Assert
        AssertGolden("layout-index.json", LayoutIndexDigest, json);
    }

    [TestMethod]
    public void GoldenJson_KeepsPlusAndNonAsciiRawAndTimesInUtc()
    {
        // Arrange
        var config = Encoding.UTF8.GetString(GoldenFile.Read("image-config.json"));
        var manifest = Encoding.UTF8.GetString(GoldenFile.Read("image-manifest.json"));

        // Assert: what System.Text.Json would have escaped (and so changed the digest) is raw here.
        StringAssert.Contains(manifest, "\"application/vnd.oci.image.manifest.v1+json\"");
        StringAssert.Contains(manifest, "\"application/vnd.oci.image.layer.v1.tar+gzip\"");
        StringAssert.Contains(config, "\"1.4.2+build.5\"");
        StringAssert.Contains(config, "Grüße \\\"world\\\"\\tand\\\\more");
        Assert.IsFalse(config.Contains("\\u", StringComparison.Ordinal) || manifest.Contains("\\u", StringComparison.Ordinal));
        StringAssert.StartsWith(config, "{\"created\":\"2023-11-14T22:13:20Z\",");
    }

    [TestMethod]
    public void ConfigToBlob_WithDefaults_WritesOnlyUserAndWorkingDir()
    {
        // Arrange
        var config = new ImageConfig(SampleImage.ArmV7, new ContainerConfig(), DateTimeOffset.UnixEpoch);

        // Act
        var json = Encoding.UTF8.GetString(config.ToBlob().Content);

        // Assert: empty lists, labels and a missing health check leave no empty fields behind.
        Assert.AreEqual(
            """{"created":"1970-01-01T00:00:00Z","architecture":"arm","os":"linux","variant":"v7","config":{"User":"65532:65532","WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":[]},"history":[]}""",
            json);
    }

    [TestMethod]
    public void HealthCheckWithDefaults_WritesOnlyTheTest()
    {
        // Arrange: zero durations and retries mean the engine's defaults.
        var config = new ContainerConfig { HealthCheck = new HealthCheck(["/app/hello", "health"], TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0) };

        // Act
        var json = Encoding.UTF8.GetString(new ImageConfig(SampleImage.Amd64, config, DateTimeOffset.UnixEpoch).ToBlob().Content);

        // Assert
        StringAssert.Contains(json, "\"Healthcheck\":{\"Test\":[\"CMD\",\"/app/hello\",\"health\"]}}");
    }
}
