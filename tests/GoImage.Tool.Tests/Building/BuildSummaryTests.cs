using GoImage.Images;
using GoImage.Layouts;
using GoImage.Tool.Building;
using GoImage.Tool.Output;

namespace GoImage.Tool.Tests.Building;

[TestClass]
public sealed class BuildSummaryTests
{
    // Two platform manifests whose layers are descriptors only: the reader never opens layer blobs.
    private static readonly ImageBlob AmdManifest = ImageBlob.Create(MediaTypes.ImageManifest, """
        {"schemaVersion":2,"layers":[{"digest":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":316313},{"digest":"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","size":2411724}]}
        """u8.ToArray());

    private static readonly ImageBlob ArmManifest = ImageBlob.Create(MediaTypes.ImageManifest, """
        {"schemaVersion":2,"layers":[{"digest":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":316313}]}
        """u8.ToArray());

    private static readonly ImageBlob Index = new ImageIndex(
    [
        AmdManifest.Descriptor with { Platform = new ImagePlatform("linux", "amd64", null) },
        ArmManifest.Descriptor with { Platform = new ImagePlatform("linux", "arm", "v7") },
    ]).ToBlob();

    private static readonly string IndexDigest = Index.Descriptor.Digest.ToString();

    [TestMethod]
    public void Read_FollowsIndexJsonToEachPlatformsLayers()
    {
        using var layout = Layout();

        var contents = OciLayoutContents.Read(layout.Path);

        Assert.AreEqual(IndexDigest, contents.IndexDigest);
        CollectionAssert.AreEqual(new[] { "linux/amd64", "linux/arm/v7" }, contents.Platforms.Select(p => p.Platform).ToArray());
        CollectionAssert.AreEqual(new[] { 316_313L, 2_411_724L }, contents.Platforms[0].Layers.Select(l => l.Size).ToArray());
        Assert.AreEqual(ArmManifest.Descriptor.Digest.ToString(), contents.Platforms[1].ManifestDigest);
    }

    [TestMethod]
    public void Render_ShowsTheDigestLayerSizesAndDestinations()
    {
        using var layout = Layout();
        var request = new BuildRequest("/p/app.goproj", ["Publish"], new Dictionary<string, string>(), Verbosity.Minimal);
        var outcome = new BuildOutcome(true, TimeSpan.FromSeconds(2.5))
        {
            Configuration = "Release",
            Binaries = [KeyValuePair.Create("linux/amd64", "/p/bin/Release/linux_amd64/app"), KeyValuePair.Create("linux/arm/v7", "/p/bin/Release/linux_arm_v7/app")],
            ImageDigest = IndexDigest,
            Repository = "shop/api",
            Tags = ["1.2.3", "latest"],
            LayoutPath = "/p/bin/Release/publish/image/",
            ArchivePath = "/out/api.tar",
            PushedReference = "registry.example.com/shop/api@" + IndexDigest,
        };

        var text = string.Join('\n', BuildSummary.Render(request, outcome, 0, 1, OciLayoutContents.Read(layout.Path)));

        StringAssert.Contains(text, "Publish succeeded in 2.5 s (Release; 0 errors, 1 warning).");
        StringAssert.Contains(text, "Platforms:  linux/amd64, linux/arm/v7");
        StringAssert.Contains(text, "Digest:     " + IndexDigest);
        StringAssert.Contains(text, "Tags:       1.2.3, latest");
        StringAssert.Contains(text, $"linux/amd64    {AmdManifest.Descriptor.Digest.ToShortString()}  2.6 MiB in 2 layers");
        StringAssert.Contains(text, "308.9 KiB");
        StringAssert.Contains(text, "Archive:    /out/api.tar");
        StringAssert.Contains(text, "Pushed:     registry.example.com/shop/api@" + IndexDigest);
    }

    [TestMethod]
    public void Render_OfAFailureIsOneLineWithTheCounts()
    {
        var request = new BuildRequest("/p/app.goproj", ["Build"], new Dictionary<string, string>(), Verbosity.Minimal);

        var lines = BuildSummary.Render(request, new BuildOutcome(false, TimeSpan.FromSeconds(1)), 2, 0, null);

        CollectionAssert.AreEqual(new[] { "", "Build failed in 1.0 s: 2 errors, 0 warnings." }, lines.ToArray());
    }

    // A layout as the SDK writes it, through the core's layout type.
    private static TempFolder Layout()
    {
        var folder = new TempFolder();
        OciLayout.Write(
            folder.Path,
            new LayoutContents([OciLayout.Named(Index.Descriptor, "latest")], [Index, AmdManifest, ArmManifest], []),
            CancellationToken.None);
        return folder;
    }
}
