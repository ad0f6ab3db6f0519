using GoImage.Diagnostics;
using GoImage.Images;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks.Tests;

[TestClass]
public sealed class LayerItemsTests
{
    private static readonly Digest BlobDigest = Digest.Of("blob"u8);
    private static readonly Digest TarDigest = Digest.Of("tar"u8);

    [TestMethod]
    public void SharedAndAppLayers_MadeItemsAndCopiedAsMSBuildCopiesOutputs_ReadBackTheSame()
    {
        var shared = new Layer("ContainerFile items", "/cache/a;b%41$(x)@'*?.tar.gz", BlobDigest, 1234, TarDigest);
        var app = new Layer("/app/api (linux/arm/v7)", "/cache/app.tar.gz", TarDigest, 99, BlobDigest) { MediaType = "application/vnd.oci.image.layer.v1.tar+zstd" };

        var items = new[] { LayerItems.ToItem(shared, null), LayerItems.ToItem(app, new ImagePlatform("linux", "arm", "v7")) }.Select(i => new TaskItem(i));
        var diagnostics = new List<Diagnostic>();
        var read = LayerItems.Read(items, "ContainerLayer", "ImageLayer", diagnostics);

        Assert.AreEqual(0, diagnostics.Count);
        Assert.AreEqual((null, shared), read[0]);
        Assert.AreEqual((new ImagePlatform("linux", "arm", "v7"), app), read[1]);
    }

    [TestMethod]
    public void AnItemWithoutMediaType_IsAGzipLayer()
    {
        var item = new TaskItem("/cache/l.tar.gz", new Dictionary<string, string>
        {
            ["Digest"] = BlobDigest.ToString(), ["DiffId"] = TarDigest.ToString(), ["Size"] = "5", ["LayerName"] = "mine",
        });

        var read = LayerItems.Read([item], "ContainerLayer", "ImageLayer", []);

        Assert.AreEqual(MediaTypes.LayerGzip, read.Single().Layer.MediaType);
        Assert.IsNull(read[0].Platform);
    }

    [TestMethod]
    [DataRow("Digest", "sha256:abc", "a sha256 digest")]
    [DataRow("DiffId", "", "a sha256 digest")]
    [DataRow("Size", "-1", "a size in bytes")]
    [DataRow("Size", "12 KiB", "a size in bytes")]
    public void EditedMetadata_IsGOI2050NamingTheItemAndTheTask_NotAnException(string name, string value, string expected)
    {
        var item = new TaskItem(LayerItems.ToItem(new Layer("l", "/cache/l.tar.gz", BlobDigest, 5, TarDigest), null));
        item.SetMetadata(name, value);
        var diagnostics = new List<Diagnostic>();

        var read = LayerItems.Read([item], "ContainerLayer", "ImageLayer", diagnostics);

        Assert.AreEqual(0, read.Count);
        Assert.AreEqual("GOI2050", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, $"ContainerLayer item '/cache/l.tar.gz' has {name} '{value}', which is not {expected}");
        StringAssert.Contains(diagnostics[0].Message, "the ImageLayer task");
    }

    [TestMethod]
    public void ABadPlatform_IsGOI1004()
    {
        var item = new TaskItem(LayerItems.ToItem(new Layer("l", "/cache/l.tar.gz", BlobDigest, 5, TarDigest), null));
        item.SetMetadata("Platform", "linux/z80");
        var diagnostics = new List<Diagnostic>();

        Assert.AreEqual(0, LayerItems.Read([item], "ContainerLayer", "ImageLayer", diagnostics).Count);

        Assert.AreEqual("GOI1004", diagnostics.Single().Code);
    }

    [TestMethod]
    public void ImageLayout_GivenAnEditedLayerItem_LogsGOI2050_AndWritesNothing()
    {
        using var temp = new TempDirectory();
        var layer = new TaskItem(LayerItems.ToItem(new Layer("l", temp.Write("l.tar.gz", "x"), BlobDigest, 5, TarDigest), null));
        layer.SetMetadata("Digest", "md5:0");
        var engine = new FakeBuildEngine();
        var task = new ImageLayout { BuildEngine = engine, Layers = [layer], ProjectName = "Api", AppPath = "/app/api", LayoutPath = Path.Combine(temp.Path, "image") };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI2050", engine.Errors.Single().Code, engine.Log);
        Assert.IsFalse(Directory.Exists(Path.Combine(temp.Path, "image")));
    }
}
