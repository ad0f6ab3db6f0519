using System.Text.Json;
using GoImage.Testing;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// A .goproj built on a base image from a real registry: samples/hello itself, pushed there first. The
/// tag is pinned in goimage.lock.json; moving it changes nothing until a refresh; a stopped registry
/// does not stop the build; locked mode refuses an edited base.
/// </summary>
[TestClass]
public sealed class BaseImageTests
{
    private static RegistryServer _registry = null!;
    private static GoProject _base = null!;
    private static string _v1 = "";

    [ClassInitialize]
    public static async Task PushTheBase(TestContext context)
    {
        _registry = await RegistryServer.StartAsync();
        _base = GoProject.FromSample("hello");
        _v1 = PushBase("v1", "1.0.0");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _base.Dispose();
        _registry.Dispose();
    }

    [TestMethod]
    public void BaseImageByTag_IsLocked_AndItsLayersComeFirst()
    {
        using var app = NewApp("v1");

        var publish = app.Publish();

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        var lockFile = ReadLock(app);
        Assert.AreEqual($"{_registry.Host}/goimage/base:v1", lockFile.Reference);
        Assert.AreEqual(_v1, lockFile.Digest);
        var image = new OciLayout(app.LayoutPath);
        var baseLayers = new OciLayout(_base.LayoutPath).LayerDigests("arm64");
        CollectionAssert.AreEqual(baseLayers.ToArray(), image.LayerDigests("arm64").Take(baseLayers.Count).ToArray());
        Assert.AreEqual(_v1, image.ImageIndex.GetProperty("annotations").GetProperty("org.opencontainers.image.base.digest").GetString());
        Assert.AreEqual($"{_registry.Host}/goimage/base:v1", image.ImageIndex.GetProperty("annotations").GetProperty("org.opencontainers.image.base.name").GetString());
    }

    [TestMethod]
    public void MovingTheTag_ChangesNothing_UntilARefresh_WhichUpdatesLockAndImage()
    {
        var first = PushBase("moving", "1.0.0");
        using var app = NewApp("moving");
        var before = Digest(app.Publish("-getProperty:GeneratedContainerDigest"));
        var second = PushBase("moving", "2.0.0");
        Assert.AreNotEqual(first, second, "the tag moved");

        var unchanged = Digest(app.Publish("-getProperty:GeneratedContainerDigest"));
        Assert.AreEqual(before, unchanged, "the lock keeps the old base");
        Assert.AreEqual(first, ReadLock(app).Digest);

        var refreshed = Digest(app.Publish("-p:ContainerBaseImageRefresh=true", "-getProperty:GeneratedContainerDigest"));
        Assert.AreNotEqual(before, refreshed);
        Assert.AreEqual(second, ReadLock(app).Digest);
    }

    [TestMethod]
    public void RegistryStopped_TheLockedBuildStillSucceeds_FromTheCache()
    {
        using var app = NewApp("v1");
        Assert.IsTrue(app.Publish().Succeeded);
        app.Touch("main.go");

        _registry.Stop();
        CommandResult offline;
        try
        {
            offline = app.Publish();
        }
        finally
        {
            _registry.StartAgainAsync().GetAwaiter().GetResult();
        }

        Assert.IsTrue(offline.Succeeded, offline.ToString());
        StringAssert.Contains(offline.Output, ", 0 blobs downloaded");
    }

    [TestMethod]
    public void ACorruptedBaseBlobInTheCache_IsRemovedWithGoi3030_AndFetchedAgain_GivingTheSameLayout()
    {
        using var app = NewApp("v1");
        var cache = app.PathOf("base-blobs") + "/";
        var first = app.Publish($"-p:ContainerBaseImageCacheDirectory={cache}");
        Assert.IsTrue(first.Succeeded, first.ToString());
        var index = File.ReadAllBytes(LayoutFiles.IndexPath(app.LayoutPath));
        var blob = Directory.EnumerateFiles(Path.Combine(cache, "sha256")).OrderByDescending(f => new FileInfo(f).Length).First();
        var bytes = File.ReadAllBytes(blob);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(blob, bytes);

        var again = app.Publish($"-p:ContainerBaseImageCacheDirectory={cache}");

        Assert.IsTrue(again.Succeeded, again.ToString());
        StringAssert.Contains(again.Output, "warning GOI3030:");
        CollectionAssert.AreEqual(index, File.ReadAllBytes(LayoutFiles.IndexPath(app.LayoutPath)), "the same image");
        Assert.AreEqual(Path.GetFileName(blob), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(blob))), "the cache entry was fetched again");
        var copy = Peers.Skopeo("copy", "--all", $"oci:{app.LayoutPath}:latest", $"dir:{app.PathOf("skopeo-copy")}");
        Assert.IsTrue(copy.Succeeded, "skopeo reads every blob of the layout against its digest: " + copy);
    }

    [TestMethod]
    public void LockedMode_WithContainerBaseImageEditedButNotTheLock_FailsWithGoi3021()
    {
        using var app = NewApp("v1");
        Assert.IsTrue(app.Publish().Succeeded);
        var lockBefore = File.ReadAllText(app.PathOf("goimage.lock.json"));

        var edited = app.Publish($"-p:ContainerBaseImage={_registry.Host}/goimage/base:moving", "-p:ContainerLockedMode=true");

        Assert.IsFalse(edited.Succeeded, edited.ToString());
        StringAssert.Contains(edited.Output, "error GOI3021:");
        Assert.AreEqual(lockBefore, File.ReadAllText(app.PathOf("goimage.lock.json")));
    }

    [TestMethod]
    public void LockedMode_WithoutALockFile_FailsWithGoi3020_AndWritesNone()
    {
        using var app = NewApp("v1");

        var publish = app.Publish("-p:ContainerLockedMode=true");

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "error GOI3020:");
        Assert.IsFalse(File.Exists(app.PathOf("goimage.lock.json")));
    }

    [TestMethod]
    public void BaseWithoutOneOfThePlatforms_FailsWithGoi3013_NamingIt()
    {
        PushBase("amd64-only", "1.0.0", "-p:GoTargetPlatforms=linux/amd64");
        using var app = NewApp("amd64-only");

        var publish = app.Publish();

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "error GOI3013:");
        StringAssert.Contains(publish.Output, "linux/arm64");
        Assert.IsFalse(File.Exists(app.PathOf("goimage.lock.json")), "no lock for a base that cannot be used");
    }

    [TestMethod]
    public void PushOfAnImageOnTheBase_MountsTheBaseLayers_AndPodmanRunsIt()
    {
        using var app = NewApp("v1");

        var publish = app.Publish($"-p:ContainerRegistry={_registry.Host}", "-p:ContainerRepository=goimage/on-base");

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "mounted");
        using var podman = new Podman(app.Root);
        Peers.Expect(podman.Run("pull", "--tls-verify=false", $"{_registry.Host}/goimage/on-base:1.4.2"));
        var version = podman.RunContainer($"{_registry.Host}/goimage/on-base:1.4.2", "-version");
        Peers.Expect(version);
        Assert.AreEqual("1.4.2", version.Output.Trim());
    }

    [TestMethod]
    public void ContainerUser_NamedOnlyInTheRegistryBase_IsResolvedFromItsLayers()
    {
        var account = Path.Combine(_base.Root, "svc-account.targets");
        File.WriteAllText(account, """<Project><ItemGroup><ContainerUserAccount Include="svc" Uid="4321" /></ItemGroup></Project>""");
        PushBase("accounts", "1.0.0", $"-p:CustomAfterGoImageSdkTargets={account}");
        using var app = NewApp("accounts");

        var publish = app.Publish("-p:ContainerUser=svc");
        var unknown = app.Publish("-p:ContainerUser=ghost");

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        var image = new OciLayout(app.LayoutPath);
        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            Assert.AreEqual("4321:4321", image.Config(architecture).GetProperty("config").GetProperty("User").GetString());
        }

        Assert.IsFalse(unknown.Succeeded, unknown.ToString());
        StringAssert.Contains(unknown.Output, $"error GOI2022: ContainerUser names the user 'ghost', which is not in the /etc/passwd of {_registry.Host}/goimage/base:accounts@sha256:");
        StringAssert.Contains(unknown.Output, "users: root, nobody, nonroot, svc)");
    }

    private static string PushBase(string tag, string version, params string[] extra)
    {
        var publish = _base.Publish(
            [$"-p:ContainerRegistry={_registry.Host}", "-p:ContainerRepository=goimage/base", $"-p:ContainerImageTag={tag}", $"-p:Version={version}",
             "-p:ContainerGenerateSemVerTags=false", .. extra, "-getProperty:GeneratedContainerDigest"]);
        return Digest(publish);
    }

    private static GoProject NewApp(string baseTag)
    {
        var app = GoProject.FromSample("hello");
        app.AddToProject($"""
              <PropertyGroup>
                <ContainerBaseImage>{_registry.Host}/goimage/base:{baseTag}</ContainerBaseImage>
                <ContainerRepository>goimage/app</ContainerRepository>
              </PropertyGroup>
            """);
        return app;
    }

    private static string Digest(CommandResult publish)
    {
        Assert.IsTrue(publish.Succeeded, publish.ToString());
        return publish.Output.Trim().Split('\n')[^1].Trim();
    }

    private static (string Reference, string Digest) ReadLock(GoProject app)
    {
        var root = JsonDocument.Parse(File.ReadAllText(app.PathOf("goimage.lock.json"))).RootElement.GetProperty("baseImage");
        return (root.GetProperty("reference").GetString()!, root.GetProperty("digest").GetString()!);
    }
}
