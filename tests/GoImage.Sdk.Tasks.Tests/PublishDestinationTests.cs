using GoImage.Diagnostics;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks.Tests;

[TestClass]
public sealed class PublishDestinationTests
{
    private const string LoadTar = "/project/obj/image/api.load.tar";

    [TestMethod]
    public void NothingSet_WritesOnlyTheLayout()
    {
        var ignored = new List<Diagnostic>();
        var destination = PublishDestination.Decide("", "", "", LoadTar, ignored);

        Assert.AreEqual(new PublishDestination(null, null, null), destination);
        Assert.AreEqual(0, ignored.Count);
    }

    [TestMethod]
    public void EachAlone_IsTheDestination()
    {
        Assert.AreEqual(new PublishDestination("/out/api.tar", null, null), PublishDestination.Decide("/out/api.tar", "", "", LoadTar, []));
        Assert.AreEqual(new PublishDestination(null, "127.0.0.1:5000", null), PublishDestination.Decide("", "127.0.0.1:5000", "", LoadTar, []));
        Assert.AreEqual(new PublishDestination(LoadTar, null, "podman"), PublishDestination.Decide("", "", "podman", LoadTar, []));
    }

    [TestMethod]
    public void AllThree_TheArchiveWins_AndTheOthersAreGOI3025Warnings()
    {
        var ignored = new List<Diagnostic>();
        var destination = PublishDestination.Decide("/out/", "ghcr.io", "docker", LoadTar, ignored);

        Assert.AreEqual(new PublishDestination("/out/", null, null), destination);
        Assert.IsTrue(ignored.All(d => d.Code == "GOI3025" && d.IsWarning));
        CollectionAssert.AreEqual(
            new[] { "ContainerArchiveOutputPath is set, so ContainerRegistry is ignored", "ContainerArchiveOutputPath is set, so LocalRegistry is ignored" },
            ignored.Select(d => d.Message[..d.Message.IndexOf(':', StringComparison.Ordinal)]).ToArray());
    }

    [TestMethod]
    public void RegistryAndEngine_TheRegistryWins()
    {
        var ignored = new List<Diagnostic>();
        var destination = PublishDestination.Decide("", "ghcr.io", "podman", LoadTar, ignored);

        Assert.AreEqual(new PublishDestination(null, "ghcr.io", null), destination);
        StringAssert.StartsWith(ignored.Single().Message, "ContainerRegistry is set, so LocalRegistry is ignored");
    }

    [TestMethod]
    public void OnlySpaces_CountAsUnset()
    {
        var ignored = new List<Diagnostic>();
        var destination = PublishDestination.Decide("  ", " ", "podman", LoadTar, ignored);

        Assert.AreEqual(new PublishDestination(LoadTar, null, "podman"), destination);
        Assert.AreEqual(0, ignored.Count);
    }

    [TestMethod]
    public void AFolder_GetsTheRepositorysLastPartDotTar_AFileIsKept()
    {
        using var temp = new TempDirectory();

        Assert.AreEqual(Path.Combine("/out", "api.tar"), PublishDestination.Decide("/out/", "", "", LoadTar, []).ArchiveFile("shop/api"));
        Assert.AreEqual(Path.Combine(temp.Path, "api.tar"), PublishDestination.Decide(temp.Path, "", "", LoadTar, []).ArchiveFile("shop/api"));
        Assert.AreEqual("/out/image.tar", PublishDestination.Decide("/out/image.tar", "", "", LoadTar, []).ArchiveFile("shop/api"));
        Assert.IsNull(PublishDestination.Decide("", "ghcr.io", "", LoadTar, []).ArchiveFile("shop/api"));
    }

    [TestMethod]
    public void ImageLayout_WithLocalRegistryAndARegistry_PushesOnly_WritesNoTarball_AndWarnsGOI3025()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();
        var layout = Layout(temp, engine);
        layout.ContainerRegistry = "127.0.0.1:5000";
        layout.LocalRegistry = "podman";

        Assert.IsTrue(layout.Execute(), engine.Log);

        Assert.AreEqual("127.0.0.1:5000", layout.PushRegistry);
        Assert.AreEqual("", layout.LoadEngine);
        Assert.AreEqual("", layout.GeneratedArchiveOutputPath);
        Assert.IsFalse(File.Exists(layout.LoadArchivePath));
        Assert.AreEqual("GOI3025", engine.Warnings.Single().Code);
    }

    [TestMethod]
    public void ImageLayout_WithLocalRegistryAlone_WritesTheLoadTarball_ForTheEngine()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();
        var layout = Layout(temp, engine);
        layout.LocalRegistry = "podman";

        Assert.IsTrue(layout.Execute(), engine.Log);

        Assert.AreEqual("", layout.PushRegistry);
        Assert.AreEqual("podman", layout.LoadEngine);
        Assert.AreEqual(layout.LoadArchivePath, layout.GeneratedArchiveOutputPath);
        Assert.IsTrue(File.Exists(layout.LoadArchivePath));
        Assert.AreEqual(0, engine.Warnings.Count);
    }

    [TestMethod]
    public void ImageLayout_WithAnArchiveFolder_WritesRepositoryDotTar_AndNeitherPushesNorLoads()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();
        var layout = Layout(temp, engine);
        layout.ContainerArchiveOutputPath = Path.Combine(temp.Path, "out") + "/";
        layout.ContainerRegistry = "127.0.0.1:5000";

        Assert.IsTrue(layout.Execute(), engine.Log);

        Assert.AreEqual(Path.Combine(temp.Path, "out", "api.tar"), layout.GeneratedArchiveOutputPath);
        Assert.IsTrue(File.Exists(layout.GeneratedArchiveOutputPath));
        Assert.AreEqual("", layout.PushRegistry);
        Assert.AreEqual("", layout.LoadEngine);
        Assert.IsFalse(File.Exists(layout.LoadArchivePath));
    }

    // A scratch image of one app layer, as ImageLayer writes it.
    private static ImageLayout Layout(TempDirectory temp, FakeBuildEngine engine)
    {
        var layer = new ImageLayer
        {
            BuildEngine = engine, AppPath = "/app/api", BaseImage = "scratch", CacheDirectory = Path.Combine(temp.Path, "cache"),
            Binaries = [new TaskItem(temp.Write("api", "binary"), new Dictionary<string, string> { ["Platform"] = "linux/amd64" })],
        };
        Assert.IsTrue(layer.Execute(), engine.Log);
        return new ImageLayout
        {
            BuildEngine = engine, Layers = layer.Layers, ProjectName = "Api", AppPath = "/app/api",
            LayoutPath = Path.Combine(temp.Path, "image"), LoadArchivePath = Path.Combine(temp.Path, "obj", "api.load.tar"),
        };
    }
}
