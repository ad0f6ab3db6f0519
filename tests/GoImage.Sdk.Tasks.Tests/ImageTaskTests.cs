using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using GoImage.Images;
using GoImage.Testing;

namespace GoImage.Sdk.Tasks.Tests;

/// <summary>ImageLayer, ImageLayout and ImageLoad on a fake engine: item plumbing, outputs and coded errors.</summary>
[TestClass]
public sealed class ImageTaskTests
{
    [TestMethod]
    public void LayerThenLayout_WritesTheLayoutAndSetsTheOutputs()
    {
        using var temp = new TempDirectory();
        var binaries = new[] { Binary(temp, "linux/amd64", "amd64 binary"), Binary(temp, "linux/arm64", "arm64 binary") };
        var engine = new FakeBuildEngine();
        var layer = new ImageLayer
        {
            BuildEngine = engine, Binaries = binaries, AppPath = "/app/api", BaseImage = "scratch",
            CacheDirectory = Path.Combine(temp.Path, "cache"),
        };
        Assert.IsTrue(layer.Execute(), engine.Log);
        Assert.AreEqual(2, layer.Layers.Length);
        Assert.AreEqual("linux/arm64", layer.Layers[1].GetMetadata("Platform"));

        var layout = new ImageLayout
        {
            BuildEngine = engine, Layers = layer.Layers, ProjectName = "Api", AppPath = "/app/api",
            LayoutPath = Path.Combine(temp.Path, "image"), ImageTags = ["1.0", "latest"],
            Ports = [new TaskItem("8080")],
        };
        Assert.IsTrue(layout.Execute(), engine.Log);

        StringAssert.StartsWith(layout.GeneratedContainerDigest, "sha256:");
        Assert.AreEqual("api", layout.GeneratedContainerRepository);
        CollectionAssert.AreEqual(new[] { "1.0", "latest" }, layout.GeneratedContainerTags);
        Assert.AreEqual(2, layout.GeneratedContainerManifestDigests.Split(';').Length);
        Assert.AreEqual("linux/amd64", layout.GeneratedContainer[0].ItemSpec);
        Assert.IsTrue(File.Exists(LayoutFiles.BlobPath(Path.Combine(temp.Path, "image"), layout.GeneratedContainerDigest)));
    }

    [TestMethod]
    public void ImageLayer_NoBinaries_LogsGOI2014()
    {
        var engine = new FakeBuildEngine();
        var task = new ImageLayer { BuildEngine = engine, AppPath = "/app/api", CacheDirectory = "/nonexistent" };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI2014", engine.Errors.Single().Code);
    }

    [TestMethod]
    public void ImageLayer_ZstdCompression_WritesZstdLayersThatImageLayoutLists()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();
        var layer = new ImageLayer
        {
            BuildEngine = engine, Binaries = [Binary(temp, "linux/amd64", "amd64 binary")], AppPath = "/app/api", LayerCompression = "ZSTD",
            CacheDirectory = Path.Combine(temp.Path, "cache"),
        };
        Assert.IsTrue(layer.Execute(), engine.Log);
        var layout = new ImageLayout { BuildEngine = engine, Layers = layer.Layers, ProjectName = "Api", AppPath = "/app/api", LayoutPath = Path.Combine(temp.Path, "image") };
        Assert.IsTrue(layout.Execute(), engine.Log);

        Assert.IsTrue(layer.Layers.All(l => l.GetMetadata("MediaType") == MediaTypes.LayerZstd), string.Join(", ", layer.Layers.Select(l => l.GetMetadata("MediaType"))));
        var manifest = File.ReadAllText(LayoutFiles.BlobPath(Path.Combine(temp.Path, "image"), layout.GeneratedContainerManifestDigests));
        StringAssert.Contains(manifest, $"\"mediaType\":\"{MediaTypes.LayerZstd}\"");
        Assert.IsFalse(manifest.Contains(MediaTypes.LayerGzip, StringComparison.Ordinal), manifest);
    }

    [TestMethod]
    public void ImageLayer_UnknownCompression_LogsGOI2029_AndWritesNoLayer()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();
        var task = new ImageLayer
        {
            BuildEngine = engine, Binaries = [Binary(temp, "linux/amd64", "amd64 binary")], AppPath = "/app/api", LayerCompression = "brotli",
            CacheDirectory = Path.Combine(temp.Path, "cache"),
        };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI2029", engine.Errors.Single().Code);
        StringAssert.Contains(engine.Errors.Single().Message, "'brotli' is not one of gzip, zstd");
        Assert.IsFalse(Directory.Exists(Path.Combine(temp.Path, "cache")), "nothing written before the inputs are valid");
    }

    [TestMethod]
    public void ImageLayer_WindowsBinary_LogsGOI2017()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();
        var task = new ImageLayer
        {
            BuildEngine = engine, Binaries = [Binary(temp, "windows/amd64", "exe")], AppPath = "/app/api",
            CacheDirectory = Path.Combine(temp.Path, "cache"),
        };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI2017", engine.Errors.Single().Code);
        Assert.IsFalse(Directory.Exists(Path.Combine(temp.Path, "cache")), "nothing written before the inputs are valid");
    }

    [TestMethod]
    public void ImageLayout_ReportsEveryBadSetting_AndWritesNothing()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();
        var task = new ImageLayout
        {
            BuildEngine = engine, AppPath = "/app/api", LayoutPath = Path.Combine(temp.Path, "image"),
            Repository = "Bad Name", ImageTag = "a", ImageTags = ["b"], Ports = [new TaskItem("70000")],
        };

        Assert.IsFalse(task.Execute());

        CollectionAssert.AreEquivalent(new[] { "GOI2001", "GOI2003", "GOI2004" }, engine.Errors.Select(e => e.Code).ToArray());
        Assert.IsFalse(Directory.Exists(Path.Combine(temp.Path, "image")));
        Assert.AreEqual("", task.GeneratedContainerDigest);
    }

    [TestMethod]
    public void ImageLayer_Canceled_LogsGOI2016AndLeavesNoLayer()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();
        using var task = new ImageLayer
        {
            BuildEngine = engine, Binaries = [Binary(temp, "linux/amd64", "binary")], AppPath = "/app/api",
            CacheDirectory = Path.Combine(temp.Path, "cache"),
        };
        task.Cancel();

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI2016", engine.Errors.Single().Code);
        Assert.IsFalse(Directory.Exists(Path.Combine(temp.Path, "cache")) && Directory.EnumerateFiles(Path.Combine(temp.Path, "cache")).Any());
    }

    [TestMethod]
    [Timeout(30_000)]
    public void ImageLayer_FifoAndOutsideSources_AreCodedErrors_NeverAHangOrACrash()
    {
        using var temp = new TempDirectory();
        var project = Path.Combine(temp.Path, "project");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "go.mod"), "module example.com/api\n");
        var fifo = Path.Combine(project, "pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        File.CreateSymbolicLink(Path.Combine(project, "passwd"), "/etc/passwd");
        var engine = new FakeBuildEngine();
        var task = new ImageLayer
        {
            BuildEngine = engine, Binaries = [Binary(temp, "linux/amd64", "binary")], AppPath = "/app/api",
            CacheDirectory = Path.Combine(temp.Path, "cache"), ProjectDirectory = project,
            Files =
            [
                new TaskItem(fifo, new Dictionary<string, string> { ["TargetPath"] = "/etc/pipe" }),
                new TaskItem(Path.Combine(project, "passwd"), new Dictionary<string, string> { ["TargetPath"] = "/etc/passwd" }),
            ],
        };

        Assert.IsFalse(task.Execute());

        CollectionAssert.AreEqual(new[] { "GOI2041", "GOI2040" }, engine.Errors.Select(e => e.Code).ToArray());
        Assert.IsFalse(Directory.Exists(Path.Combine(temp.Path, "cache")), "nothing cached");
    }

    [TestMethod]
    public void ImageLoad_UnknownEngine_LogsGOI2018()
    {
        var engine = new FakeBuildEngine();
        var task = new ImageLoad { BuildEngine = engine, Engine = "containerd", ArchivePath = "/tmp/x.tar" };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI2018", engine.Errors.Single().Code);
    }

    [TestMethod]
    public void ImageLayer_AccountsAndVolumes_AddTwoLayers_AndResolveTheUserForImageLayout()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();
        var layer = new ImageLayer
        {
            BuildEngine = engine, Binaries = [Binary(temp, "linux/amd64", "binary")], AppPath = "/app/api",
            CacheDirectory = Path.Combine(temp.Path, "cache"), User = "svc",
            UserAccounts = [new TaskItem("svc", new Dictionary<string, string> { ["Uid"] = "5000", ["Shell"] = "/bin/false" })],
            Volumes = [new TaskItem("/var/lib/api")],
            Directories = [new TaskItem("/var/cache/api", new Dictionary<string, string> { ["Owner"] = "nobody", ["Mode"] = "0700" })],
        };
        Assert.IsTrue(layer.Execute(), engine.Log);
        Assert.AreEqual("5000:5000", layer.ResolvedUser);
        CollectionAssert.AreEqual(
            new[] { "static base 1", "ContainerUserAccount items", "ContainerVolume and ContainerDirectory folders", "/app/api (linux/amd64)" },
            layer.Layers.Select(l => l.GetMetadata("LayerName")).ToArray());

        var layout = new ImageLayout
        {
            BuildEngine = engine, Layers = layer.Layers, ProjectName = "Api", AppPath = "/app/api", User = layer.ResolvedUser,
            Volumes = [new TaskItem("/var/lib/api")], LayoutPath = Path.Combine(temp.Path, "image"),
        };
        Assert.IsTrue(layout.Execute(), engine.Log);
        var config = File.ReadAllText(LayoutFiles.BlobPath(Path.Combine(temp.Path, "image"), layout.GeneratedContainer[0].GetMetadata("ConfigDigest")));
        StringAssert.Contains(config, "\"User\":\"5000:5000\"");
        StringAssert.Contains(config, "\"Volumes\":{\"/var/lib/api\":{}}");
    }

    [TestMethod]
    public void ImageLayer_UnknownUser_LogsGOI2022_AndWritesNoLayer()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();
        var layer = new ImageLayer
        {
            BuildEngine = engine, Binaries = [Binary(temp, "linux/amd64", "binary")], AppPath = "/app/api",
            CacheDirectory = Path.Combine(temp.Path, "cache"), User = "skopeo",
        };

        Assert.IsFalse(layer.Execute());

        Assert.AreEqual("GOI2022", engine.Errors.Single().Code);
        Assert.IsFalse(Directory.Exists(Path.Combine(temp.Path, "cache")));
    }

    private static TaskItem Binary(TempDirectory temp, string platform, string content)
    {
        var path = temp.Write(Path.Combine(platform.Replace('/', '_'), "api"), content);
        return new TaskItem(path, new Dictionary<string, string> { ["Platform"] = platform });
    }
}
