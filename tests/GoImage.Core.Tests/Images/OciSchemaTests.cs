using System.Formats.Tar;
using System.Text;
using GoImage.Layouts;
using GoImage.Testing;

namespace GoImage.Core.Tests.Images;

/// <summary>Every JSON document the image stage writes is valid against the official OCI schemas.</summary>
[TestClass]
public sealed class OciSchemaTests
{
    [TestMethod]
    public void GoldenConfig_IsValidConfig()
    {
        OciSchemas.AssertValid(OciSchemas.Config, GoldenFile.Read("image-config.json"));
    }

    [TestMethod]
    public void GoldenManifest_IsValidManifest()
    {
        OciSchemas.AssertValid(OciSchemas.Manifest, GoldenFile.Read("image-manifest.json"));
    }

    [TestMethod]
    public void GoldenIndex_IsValidIndex()
    {
        OciSchemas.AssertValid(OciSchemas.Index, GoldenFile.Read("image-index.json"));
    }

    [TestMethod]
    public void GoldenLayoutIndex_IsValidIndex()
    {
        OciSchemas.AssertValid(OciSchemas.Index, GoldenFile.Read("layout-index.json"));
    }

    [TestMethod]
    public void AssembledImage_EveryJsonBlobIsValid()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act
        var image = SampleImage.Assemble(temp.Combine("layers"));

        // Assert
        foreach (var platform in image.Platforms)
        {
            OciSchemas.AssertValid(OciSchemas.Config, platform.Config.Content);
            OciSchemas.AssertValid(OciSchemas.Manifest, platform.Manifest.Content);
        }

        OciSchemas.AssertValid(OciSchemas.Index, image.Index.Content);
    }

    [TestMethod]
    public void WrittenLayout_IndexJsonAndOciLayoutAreValid()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("layout");

        // Act
        OciLayout.Write(layout, image, ["1.4.2", "latest"], CancellationToken.None);

        // Assert
        OciSchemas.AssertValid(OciSchemas.Index, File.ReadAllBytes(LayoutFiles.IndexPath(layout)));
        OciSchemas.AssertValid(OciSchemas.Layout, File.ReadAllBytes(LayoutFiles.MarkerPath(layout)));
    }

    [TestMethod]
    public void WrittenArchive_IndexJsonAndOciLayoutAreValid()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var archive = temp.Combine("image.tar");

        // Act
        ImageArchiveWriter.Write(archive, image, "shop/api", ["1.4.2"], SampleImage.Mtime, CancellationToken.None);

        // Assert
        using var reader = new TarReader(File.OpenRead(archive));
        var checkedFiles = 0;
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            var schema = entry.Name switch { "index.json" => OciSchemas.Index, "oci-layout" => OciSchemas.Layout, _ => null };
            if (schema is not null)
            {
                using var content = new MemoryStream();
                entry.DataStream!.CopyTo(content);
                OciSchemas.AssertValid(schema, content.ToArray());
                checkedFiles++;
            }
        }

        Assert.AreEqual(2, checkedFiles);
    }

    [TestMethod]
    public void ManifestWithBadLayerDigest_IsRejected()
    {
        // Arrange: the digest is checked through image-manifest → content-descriptor → defs-descriptor,
        // so this also proves the cross-file references resolve.
        var json = Encoding.UTF8.GetString(GoldenFile.Read("image-manifest.json"))
            .Replace(Layers.LayerGoldenTests.SmallLayerDigest, "sha256/not-a-digest", StringComparison.Ordinal);

        // Act
        var results = OciSchemas.Evaluate(OciSchemas.Manifest, Encoding.UTF8.GetBytes(json));

        // Assert
        Assert.IsFalse(results.IsValid);
        StringAssert.Contains(OciSchemas.Errors(results), "/layers/0/digest");
    }

    [TestMethod]
    public void ManifestWithoutLayers_IsRejected()
    {
        // Arrange
        var json = """{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:00da6e80ee71952124dca4af2cabf8bb17da275dc4ddc6b26d978d2d68493c6b","size":759},"layers":[]}""";

        // Act
        var results = OciSchemas.Evaluate(OciSchemas.Manifest, Encoding.UTF8.GetBytes(json));

        // Assert
        Assert.IsFalse(results.IsValid);
    }

    [TestMethod]
    public void ConfigWithNonRfc3339Created_IsRejected()
    {
        // Arrange: proves format checks are on, not just structure.
        var json = Encoding.UTF8.GetString(GoldenFile.Read("image-config.json"))
            .Replace("\"created\":\"2023-11-14T22:13:20Z\"", "\"created\":\"14.11.2023\"", StringComparison.Ordinal);

        // Act
        var results = OciSchemas.Evaluate(OciSchemas.Config, Encoding.UTF8.GetBytes(json));

        // Assert
        Assert.IsFalse(results.IsValid);
        StringAssert.Contains(OciSchemas.Errors(results), "/created");
    }

    [TestMethod]
    public void IndexPlatformWithoutArchitecture_IsRejected()
    {
        // Arrange
        var json = Encoding.UTF8.GetString(GoldenFile.Read("image-index.json"))
            .Replace("\"architecture\":\"amd64\",", "", StringComparison.Ordinal);

        // Act
        var results = OciSchemas.Evaluate(OciSchemas.Index, Encoding.UTF8.GetBytes(json));

        // Assert
        Assert.IsFalse(results.IsValid);
        StringAssert.Contains(OciSchemas.Errors(results), "/manifests/0/platform");
    }

    [TestMethod]
    public void OciLayoutWithOtherVersion_IsRejected()
    {
        // Act
        var results = OciSchemas.Evaluate(OciSchemas.Layout, """{"imageLayoutVersion":"2.0.0"}"""u8.ToArray());

        // Assert
        Assert.IsFalse(results.IsValid);
    }
}
