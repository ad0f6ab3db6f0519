using System.Text.Json;
using GoImage.Images;
using GoImage.Layouts;
using GoImage.Testing;

namespace GoImage.Core.Tests.Images;

[TestClass]
public sealed class ImageReferrerTests
{
    private static readonly Descriptor Subject = new(MediaTypes.ImageManifest, Digest.Of("manifest"u8), 812);

    private static ImageReferrer Sbom() => ImageReferrer.Create(
        Subject,
        MediaTypes.SpdxJson,
        ImageBlob.Create(MediaTypes.SpdxJson, """{"spdxVersion":"SPDX-2.3"}"""u8.ToArray()),
        new Dictionary<string, string> { ["org.opencontainers.image.created"] = "1970-01-01T00:00:00Z" });

    [TestMethod]
    public void Create_WritesAnOci11ArtifactManifestWithTheEmptyConfigAndTheSubject()
    {
        // Act
        var referrer = Sbom();

        // Assert
        OciSchemas.AssertValid(OciSchemas.Manifest, referrer.Manifest.Content);
        using var document = JsonDocument.Parse(referrer.Manifest.Content);
        var root = document.RootElement;
        Assert.AreEqual(MediaTypes.SpdxJson, root.GetProperty("artifactType").GetString());
        Assert.AreEqual(MediaTypes.Empty, root.GetProperty("config").GetProperty("mediaType").GetString());
        Assert.AreEqual("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", root.GetProperty("config").GetProperty("digest").GetString());
        Assert.AreEqual(Subject.Digest.ToString(), root.GetProperty("subject").GetProperty("digest").GetString());
        Assert.AreEqual(2, referrer.Blobs.Count);
    }

    [TestMethod]
    public void Index_ListsEachReferrerWithItsArtifactTypeAndAnnotations()
    {
        var index = ImageReferrer.Index([Sbom().Descriptor]);

        OciSchemas.AssertValid(OciSchemas.Index, index.Content);
        using var document = JsonDocument.Parse(index.Content);
        var entry = document.RootElement.GetProperty("manifests")[0];
        Assert.AreEqual(MediaTypes.SpdxJson, entry.GetProperty("artifactType").GetString());
        Assert.AreEqual("1970-01-01T00:00:00Z", entry.GetProperty("annotations").GetProperty("org.opencontainers.image.created").GetString());
    }

    [TestMethod]
    public void Listed_KeepsTheReferrersOfTheArtifactType_OrAllWithoutOne()
    {
        // Arrange: a registry may ignore the referrers API's filter and answer with everything.
        var sbom = Sbom().Descriptor;
        var bundle = ImageReferrer.Create(Subject, "application/vnd.dev.sigstore.bundle.v0.3+json", ImageBlob.Create("application/vnd.dev.sigstore.bundle.v0.3+json", "{}"u8.ToArray()), new Dictionary<string, string>()).Descriptor;
        var index = ManifestDocument.ParseIndex(ImageReferrer.Index([sbom, bundle]).Content, "the referrers index");

        // Act & Assert
        Assert.AreEqual(sbom.Digest, ImageReferrer.Listed(index, MediaTypes.SpdxJson).Single().Digest);
        Assert.IsEmpty(ImageReferrer.Listed(index, "application/vnd.example"));
        CollectionAssert.AreEqual(new[] { sbom.Digest, bundle.Digest }, ImageReferrer.Listed(index, null).Select(d => d.Digest).ToArray());
    }

    [TestMethod]
    public void LayoutIndexJson_NamesEachSubjectsReferrersIndexByTheFallbackTag_AndTheArchiveLeavesThemOut()
    {
        // Arrange
        using var temp = new TempDirectory();
        var sample = SampleImage.Assemble(temp.Path);
        var image = sample with { Referrers = [Sbom() with { Subject = sample.Platforms[0].Manifest.Descriptor }] };

        // Act
        var layout = LayoutContents.Of(image, ["1.0"]).IndexJson;
        var archive = LayoutContents.Of(image, ["1.0"], withReferrers: false).IndexJson;

        // Assert
        OciSchemas.AssertValid(OciSchemas.Index, layout);
        using var document = JsonDocument.Parse(layout);
        var names = document.RootElement.GetProperty("manifests").EnumerateArray()
            .Select(m => m.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString())
            .ToArray();
        CollectionAssert.AreEqual(new[] { "1.0", "sha256-" + image.Platforms[0].Manifest.Descriptor.Digest.Hex }, names);
        Assert.AreEqual(image.ReferrerIndexes.Single().Index.Descriptor.Digest.ToString(), document.RootElement.GetProperty("manifests")[1].GetProperty("digest").GetString());
        using var archiveDocument = JsonDocument.Parse(archive);
        Assert.AreEqual(1, archiveDocument.RootElement.GetProperty("manifests").GetArrayLength());
    }

    [TestMethod]
    public void LayoutWrite_StoresEveryReferrerBlob()
    {
        // Arrange
        using var temp = new TempDirectory();
        var sample = SampleImage.Assemble(temp.Path);
        var image = sample with { Referrers = [Sbom() with { Subject = sample.Platforms[0].Manifest.Descriptor }] };
        var layout = Path.Combine(temp.Path, "layout");

        // Act
        OciLayout.Write(layout, image, ["1.0"], CancellationToken.None);

        // Assert
        foreach (var blob in image.ReferrerBlobs)
        {
            CollectionAssert.AreEqual(blob.Content, File.ReadAllBytes(LayoutFiles.BlobPath(layout, blob.Descriptor.Digest.ToString())));
        }

        Assert.AreEqual(4, image.ReferrerBlobs.Count(), "the empty config, the SBOM, its manifest and the referrers index");
    }
}
