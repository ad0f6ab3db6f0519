using System.Text;
using GoImage.Images;

namespace GoImage.Core.Tests.Images;

[TestClass]
public sealed class ManifestDocumentTests
{
    private const string D1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string D2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string D3 = "sha256:3333333333333333333333333333333333333333333333333333333333333333";

    [TestMethod]
    public void OciIndex_ListsItsManifestsWithTheirPlatforms()
    {
        // Arrange
        var json = $$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{D1}}}","size":500,"platform":{"architecture":"amd64","os":"linux"}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{D2}}}","size":501,"platform":{"architecture":"arm64","os":"linux","variant":"v8"},"annotations":{"x":"y"}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{D3}}}","size":9}]}
            """;

        // Act
        var document = ManifestDocument.Parse(Encoding.UTF8.GetBytes(json), null);

        // Assert
        Assert.IsTrue(document.IsIndex);
        Assert.AreEqual(MediaTypes.ImageIndex, document.MediaType);
        Assert.IsNull(document.Config);
        Assert.IsEmpty(document.Layers);
        Assert.HasCount(3, document.Manifests);
        Assert.AreEqual(new ImagePlatform("linux", "amd64", null), document.Manifests[0].Platform);
        Assert.AreEqual(new ImagePlatform("linux", "arm64", "v8"), document.Manifests[1].Platform);
        Assert.IsNull(document.Manifests[2].Platform);
        Assert.AreEqual(D2, document.Manifests[1].Digest.ToString());
        Assert.AreEqual(501, document.Manifests[1].Size);
    }

    [TestMethod]
    public void DockerManifestList_IsAnIndex()
    {
        // Arrange
        var json = $$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"{{{D1}}}","size":528,"platform":{"architecture":"arm","os":"linux","variant":"v7"}}]}
            """;

        // Act
        var document = ManifestDocument.Parse(Encoding.UTF8.GetBytes(json), null);

        // Assert
        Assert.IsTrue(document.IsIndex);
        Assert.AreEqual(DockerMediaTypes.ManifestList, document.MediaType);
        Assert.AreEqual(DockerMediaTypes.Manifest, document.Manifests[0].MediaType);
        Assert.AreEqual("v7", document.Manifests[0].Platform!.Variant);
    }

    [TestMethod]
    public void DockerManifest_NamesItsConfigAndLayersWithTheirOwnTypes()
    {
        // Arrange
        var json = $$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
             "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"{{{D1}}}","size":1469},
             "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":"{{{D2}}}","size":3370706},
                       {"mediaType":"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip","digest":"{{{D3}}}","size":5,"urls":["https://example.com/l"]}]}
            """;

        // Act
        var document = ManifestDocument.Parse(Encoding.UTF8.GetBytes(json), null);

        // Assert
        Assert.IsFalse(document.IsIndex);
        Assert.AreEqual(DockerMediaTypes.Manifest, document.MediaType);
        Assert.AreEqual(DockerMediaTypes.Config, document.Config!.MediaType);
        Assert.AreEqual(D1, document.Config.Digest.ToString());
        Assert.AreEqual(1469, document.Config.Size);
        CollectionAssert.AreEqual(
            new[] { DockerMediaTypes.LayerGzip, DockerMediaTypes.ForeignLayerGzip },
            document.Layers.Select(l => l.MediaType).ToArray());
        Assert.AreEqual(3370706, document.Layers[0].Size);
    }

    [TestMethod]
    public void OciManifest_WithUnknownFields_IsRead()
    {
        // Arrange
        var json = $$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"x/y","future":{"a":[1,2]},
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{D1}}}","size":2,"data":"e30="},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{{D2}}}","size":32}],
             "subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{D3}}}","size":7},
             "annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"}}
            """;

        // Act
        var document = ManifestDocument.Parse(Encoding.UTF8.GetBytes(json), null);

        // Assert
        Assert.AreEqual(MediaTypes.ImageManifest, document.MediaType);
        Assert.AreEqual(D1, document.Config!.Digest.ToString());
        Assert.HasCount(1, document.Layers);
    }

    [TestMethod]
    public void DocumentWithoutMediaType_TakesTheContentType_OrGuessesFromItsShape()
    {
        // Arrange
        var index = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"manifests":[]}""");
        var manifest = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"config":{"mediaType":"a/b","digest":"{{{D1}}}","size":2},"layers":[]}""");

        // Act
        var guessedIndex = ManifestDocument.Parse(index, null);
        var guessedManifest = ManifestDocument.Parse(manifest, null);
        var typed = ManifestDocument.Parse(index, DockerMediaTypes.ManifestList);

        // Assert
        Assert.AreEqual(MediaTypes.ImageIndex, guessedIndex.MediaType);
        Assert.AreEqual(MediaTypes.ImageManifest, guessedManifest.MediaType);
        Assert.AreEqual(DockerMediaTypes.ManifestList, typed.MediaType);
        Assert.IsTrue(typed.IsIndex);
    }

    [TestMethod]
    public void MediaTypeOf_ReadsTheField_OrNothing()
    {
        // Act & Assert
        Assert.AreEqual(MediaTypes.ImageIndex, ManifestDocument.MediaTypeOf("""{"mediaType":"application/vnd.oci.image.index.v1+json"}"""u8.ToArray()));
        Assert.IsNull(ManifestDocument.MediaTypeOf("""{"schemaVersion":2}"""u8.ToArray()));
        Assert.IsNull(ManifestDocument.MediaTypeOf("""{"mediaType":7}"""u8.ToArray()));
        Assert.IsNull(ManifestDocument.MediaTypeOf("[]"u8.ToArray()));
        Assert.IsNull(ManifestDocument.MediaTypeOf("not json"u8.ToArray()));
    }

    [TestMethod]
    [DataRow("not json", DisplayName = "not JSON")]
    [DataRow("", DisplayName = "empty")]
    [DataRow("[]", DisplayName = "an array")]
    [DataRow("""{"manifests":[{"digest":"sha256:abc","size":1}]}""", DisplayName = "a short digest")]
    [DataRow("""{"manifests":[{"size":1}]}""", DisplayName = "no digest")]
    [DataRow("""{"manifests":[{"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111"}]}""", DisplayName = "no size")]
    [DataRow("""{"manifests":[{"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":-1}]}""", DisplayName = "a negative size")]
    [DataRow("""{"manifests":[{"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":"12"}]}""", DisplayName = "a size as a string")]
    [DataRow("""{"manifests":[{"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1.5}]}""", DisplayName = "a fractional size")]
    [DataRow("""{"manifests":["sha256:1111111111111111111111111111111111111111111111111111111111111111"]}""", DisplayName = "a descriptor that is a string")]
    [DataRow("""{"manifests":[7]}""", DisplayName = "a descriptor that is a number")]
    [DataRow("""{"config":"sha256:1111111111111111111111111111111111111111111111111111111111111111","layers":[]}""", DisplayName = "a config that is a string")]
    [DataRow("""{"config":null,"layers":[]}""", DisplayName = "a null config")]
    [DataRow("""{"layers":[{"digest":7,"size":1}]}""", DisplayName = "a digest that is a number")]
    public void MalformedDocument_IsAFormatException(string json)
    {
        // Act & Assert
        Assert.ThrowsExactly<FormatException>(() => ManifestDocument.Parse(Encoding.UTF8.GetBytes(json), null));
    }
}
