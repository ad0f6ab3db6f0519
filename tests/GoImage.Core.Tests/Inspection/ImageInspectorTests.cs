using System.Formats.Tar;
using GoImage.Core.Tests.Registry;
using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layouts;
using GoImage.Inspection;
using GoImage.Registry;
using GoImage.Testing;

namespace GoImage.Core.Tests.Inspection;

[TestClass]
public sealed class ImageInspectorTests
{
    private static SyntheticLayout TwoPlatformsWithSbom(string directory, IReadOnlyList<string>? tags = null) => SyntheticLayout.Write(
        directory,
        [SyntheticPlatform.Simple("amd64") with { SbomPackages = 5 }, SyntheticPlatform.Simple("arm64")],
        tags,
        indexAnnotations: new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.0.0" });

    private static async Task<ImageInspection> InspectLayoutAsync(string path, string? tag = null)
    {
        using var source = LayoutImageSource.Open(path, tag);
        return await ImageInspector.InspectAsync(source, CancellationToken.None);
    }

    [TestMethod]
    public async Task Layout_ReportsTheIndexAndEveryPlatformInIndexOrder()
    {
        using var temp = new TempDirectory();
        var layout = TwoPlatformsWithSbom(temp.Path);

        var image = await InspectLayoutAsync(temp.Path);

        Assert.AreEqual(layout.Image.Digest, image.Digest);
        Assert.AreEqual(MediaTypes.ImageIndex, image.MediaType);
        Assert.AreEqual("1.0.0", image.Annotations["org.opencontainers.image.version"]);
        CollectionAssert.AreEqual(new[] { "linux/amd64", "linux/arm64" }, image.Platforms.Select(p => p.Platform).ToArray());
        CollectionAssert.AreEqual(layout.Manifests.Select(m => m.Digest).ToArray(), image.Platforms.Select(p => p.ManifestDigest).ToArray());
        CollectionAssert.AreEqual(layout.Configs.Select(c => c.Digest).ToArray(), image.Platforms.Select(p => p.ConfigDigest).ToArray());
    }

    [TestMethod]
    public async Task Layout_ReportsTheConfigsRuntimeSettings()
    {
        using var temp = new TempDirectory();
        TwoPlatformsWithSbom(temp.Path);

        var amd64 = (await InspectLayoutAsync(temp.Path)).Platforms[0];

        Assert.AreEqual("65532:65532", amd64.User);
        CollectionAssert.AreEqual(new[] { "/app/hello" }, amd64.Entrypoint.ToArray());
        CollectionAssert.AreEqual(new[] { "-port", "8080" }, amd64.Cmd.ToArray());
        Assert.AreEqual("/app", amd64.WorkingDir);
        CollectionAssert.AreEqual(new[] { "8080/tcp" }, amd64.Ports.ToArray());
        CollectionAssert.AreEqual(new[] { "PATH=/usr/bin:/bin", "GREETING=hi" }, amd64.Env.ToArray());
        Assert.AreEqual("1.0.0", amd64.Labels["org.opencontainers.image.version"]);
        Assert.AreEqual("1970-01-01T00:00:00Z", amd64.Created);
    }

    [TestMethod]
    public async Task Layout_ListsLayersWithDigestSizeAndMediaType()
    {
        using var temp = new TempDirectory();
        var layout = TwoPlatformsWithSbom(temp.Path);

        var arm64 = (await InspectLayoutAsync(temp.Path)).Platforms[1];

        Assert.AreEqual(2, arm64.Layers.Count);
        CollectionAssert.AreEqual(layout.Layers[1].Select(l => l.Digest).ToArray(), arm64.Layers.Select(l => l.Digest).ToArray());
        Assert.AreEqual(new FileInfo(layout.BlobPath(arm64.Layers[0].Digest)).Length, arm64.Layers[0].Size);
        Assert.AreEqual(MediaTypes.LayerGzip, arm64.Layers[1].MediaType);
    }

    [TestMethod]
    public async Task Layout_FindsTheSpdxReferrerOfAPlatform_AndCountsItsPackages()
    {
        using var temp = new TempDirectory();
        var layout = TwoPlatformsWithSbom(temp.Path);

        var image = await InspectLayoutAsync(temp.Path);

        var sbom = image.Platforms[0].Sbom;
        Assert.IsNotNull(sbom);
        Assert.AreEqual(layout.Sboms[0]!.Value.Manifest.Digest, sbom.ManifestDigest);
        Assert.AreEqual(layout.Sboms[0]!.Value.Document.Digest, sbom.Digest);
        Assert.AreEqual(5, sbom.Packages);
        Assert.IsNull(image.Platforms[1].Sbom, "arm64 has no referrer");
    }

    [TestMethod]
    public async Task SingleManifestLayout_IsOnePlatformNamedByItsConfig()
    {
        using var temp = new TempDirectory();
        var layout = SyntheticLayout.Write(temp.Path, [SyntheticPlatform.Simple("arm64") with { SbomPackages = 2 }], singleManifest: true);

        var image = await InspectLayoutAsync(temp.Path);

        Assert.AreEqual(MediaTypes.ImageManifest, image.MediaType);
        Assert.AreEqual(layout.Manifests[0].Digest, image.Digest);
        Assert.AreEqual("linux/arm64", image.Platforms.Single().Platform);
        Assert.AreEqual(2, image.Platforms[0].Sbom?.Packages);
    }

    [TestMethod]
    public void Select_WithoutTag_SkipsReferrersIndexesListedFirst()
    {
        var digest = Digest.Of("x"u8);
        var referrers = new LayoutEntry(new Descriptor(MediaTypes.ImageIndex, digest, 1), "sha256-" + digest.Hex);
        var image = new LayoutEntry(new Descriptor(MediaTypes.ImageIndex, Digest.Of("y"u8), 1), "1.0");

        var chosen = OciLayout.Select("/layout", [referrers, image], null);

        Assert.AreSame(image, chosen);
    }

    [TestMethod]
    public void Select_ByTag_MatchesTheWholeRefNameOrWhatFollowsTheRepository()
    {
        var first = new LayoutEntry(new Descriptor(MediaTypes.ImageIndex, Digest.Of("a"u8), 1), "shop/api:1.0");
        var second = new LayoutEntry(new Descriptor(MediaTypes.ImageIndex, Digest.Of("b"u8), 1), "shop/api:2.0");

        Assert.AreSame(second, OciLayout.Select("/layout", [first, second], "2.0"));
        Assert.AreSame(second, OciLayout.Select("/layout", [first, second], "shop/api:2.0"));
    }

    [TestMethod]
    public void Select_UnknownTag_FailsNamingTheTagsThere()
    {
        using var temp = new TempDirectory();
        TwoPlatformsWithSbom(temp.Path, ["1.0", "latest"]);

        var error = Assert.ThrowsExactly<GoImageException>(() => LayoutImageSource.Open(temp.Path, "2.0"));

        Assert.AreEqual("GOI4052", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "'1.0', 'latest'");
    }

    [TestMethod]
    public async Task Archive_OfTheLayout_InspectsLikeTheLayout()
    {
        using var temp = new TempDirectory();
        var layout = TwoPlatformsWithSbom(temp.CreateDirectory("layout"));
        var archive = temp.Combine("image.tar");
        await TarFile.CreateFromDirectoryAsync(layout.Path, archive, includeBaseDirectory: false);

        using var source = LayoutImageSource.OpenArchive(archive, null, CancellationToken.None);
        var image = await ImageInspector.InspectAsync(source, CancellationToken.None);

        Assert.AreEqual(layout.Image.Digest, image.Digest);
        Assert.AreEqual(5, image.Platforms[0].Sbom?.Packages);
        Assert.AreEqual(archive, image.Reference);
    }

    [TestMethod]
    public void Archive_TheUnpackedLayoutIsDeletedOnDispose()
    {
        using var temp = new TempDirectory();
        var layout = TwoPlatformsWithSbom(temp.CreateDirectory("layout"));
        var archive = temp.Combine("image.tar");
        TarFile.CreateFromDirectory(layout.Path, archive, includeBaseDirectory: false);

        var source = LayoutImageSource.OpenArchive(archive, null, CancellationToken.None);
        var unpacked = source.Layout.Path;
        source.Dispose();

        Assert.IsFalse(Directory.Exists(unpacked));
    }

    [TestMethod]
    public void Archive_WithAnEntryClimbingOut_IsRefused()
    {
        using var temp = new TempDirectory();
        var archive = temp.Combine("evil.tar");
        using (var stream = File.Create(archive))
        using (var writer = new TarWriter(stream))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../escaped.txt") { DataStream = new MemoryStream("x"u8.ToArray()) });
        }

        var error = Assert.ThrowsExactly<GoImageException>(() => LayoutImageSource.OpenArchive(archive, null, CancellationToken.None));

        Assert.AreEqual("GOI4036", error.Diagnostic.Code);
        Assert.IsFalse(File.Exists(Path.Combine(Path.GetTempPath(), "escaped.txt")));
    }

    [TestMethod]
    public async Task Layout_WithATamperedConfig_FailsNamingTheBlob()
    {
        using var temp = new TempDirectory();
        var layout = TwoPlatformsWithSbom(temp.Path);
        File.WriteAllText(layout.BlobPath(layout.Configs[1].Digest), "{}");

        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => InspectLayoutAsync(temp.Path));

        Assert.AreEqual("GOI2082", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, layout.Configs[1].Digest.ToString());
    }

    [TestMethod]
    public void Open_APathThatDoesNotExist_IsNotTakenForARegistryReference()
    {
        var error = Assert.ThrowsExactly<GoImageException>(() => ImageSources.Open("./bin/Release/publish/imag", null, false, _ => { }, CancellationToken.None));

        Assert.AreEqual("GOI4050", error.Diagnostic.Code);
    }

    [TestMethod]
    public async Task Registry_WithoutReferrersApi_FindsTheSbomUnderTheFallbackTag()
    {
        using var temp = new TempDirectory();
        var layout = TwoPlatformsWithSbom(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        Upload(registry, layout.Path);
        Assert.IsTrue(ImageReference.TryParse($"{registry.Host}/{RegistryTestKit.Repository}:1.0", out var reference, out _));

        using var source = new RegistryImageSource(RegistryTestKit.Client(registry, role: RegistryRole.Pull), reference);
        var image = await ImageInspector.InspectAsync(source, CancellationToken.None);

        Assert.AreEqual(layout.Image.Digest, image.Digest);
        Assert.AreEqual("65532:65532", image.Platforms[1].User);
        Assert.AreEqual(5, image.Platforms[0].Sbom?.Packages);
        Assert.IsNull(image.Platforms[1].Sbom);
        Assert.IsTrue(registry.Requests.Any(r => r.Path.Contains("/referrers/", StringComparison.Ordinal)), "the referrers API is asked first:\n" + RegistryTestKit.Log(registry));
    }

    // Everything in the layout, as a registry without the referrers API holds it: manifests by digest, the referrers index as its fallback tag.
    internal static void Upload(FakeRegistry registry, string layout)
    {
        var repository = RegistryTestKit.Repository;
        var manifests = OciLayout.Open(layout).Entries;
        foreach (var file in Directory.EnumerateFiles(LayoutFiles.BlobsFolder(layout)))
        {
            var bytes = File.ReadAllBytes(file);
            var mediaType = ManifestDocument.MediaTypeOf(bytes);
            if (mediaType is MediaTypes.ImageManifest or MediaTypes.ImageIndex && bytes.Length > 2)
            {
                registry.PutManifest(repository, "sha256:" + Path.GetFileName(file), mediaType, bytes);
            }
            else
            {
                registry.PutBlob(repository, bytes);
            }
        }

        foreach (var entry in manifests)
        {
            registry.PutManifest(repository, entry.RefName!, entry.Descriptor.MediaType, File.ReadAllBytes(LayoutFiles.BlobPath(layout, entry.Descriptor.Digest.ToString())));
        }
    }
}
