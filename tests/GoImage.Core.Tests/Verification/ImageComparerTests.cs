using System.Text;
using GoImage.Core.Tests.Inspection;
using GoImage.Images;
using GoImage.Layers;
using GoImage.Testing;
using GoImage.Verification;

namespace GoImage.Core.Tests.Verification;

[TestClass]
public sealed class ImageComparerTests
{
    private static ImageComparison Compare(IReadOnlyList<SyntheticPlatform> first, IReadOnlyList<SyntheticPlatform> second, TempDirectory temp)
    {
        SyntheticLayout.Write(temp.CreateDirectory("a"), first);
        SyntheticLayout.Write(temp.CreateDirectory("b/deeper"), second);
        return ImageComparer.Compare(temp.Combine("a"), temp.Combine("b/deeper"), CancellationToken.None);
    }

    private static SyntheticPlatform WithAppFile(string architecture, string path, string content, int mode = 0b110_100_100, long mtime = 0) =>
        SyntheticPlatform.Simple(architecture) with
        {
            Mtime = mtime,
            Layers =
            [
                [LayerEntry.File("etc/app/config.txt", "greeting=hi\n"u8.ToArray())],
                [LayerEntry.File("app/hello", "binary\n"u8.ToArray(), 0b111_101_101), LayerEntry.File(path, Encoding.UTF8.GetBytes(content), mode)],
            ],
        };

    [TestMethod]
    public void IdenticalBuilds_AreIdentical_WithNoDifferences()
    {
        using var temp = new TempDirectory();

        var comparison = Compare([SyntheticPlatform.Simple("amd64"), SyntheticPlatform.Simple("arm64")], [SyntheticPlatform.Simple("amd64"), SyntheticPlatform.Simple("arm64")], temp);

        Assert.IsTrue(comparison.Identical);
        Assert.AreEqual(0, comparison.Differences.Count);
    }

    [TestMethod]
    public void DifferingFile_NamesThePlatformTheLayerAndTheFile()
    {
        using var temp = new TempDirectory();

        var comparison = Compare(
            [SyntheticPlatform.Simple("amd64"), WithAppFile("arm64", "app/buildtime.txt", "638000000000000000")],
            [SyntheticPlatform.Simple("amd64"), WithAppFile("arm64", "app/buildtime.txt", "638000000000000001")],
            temp);

        Assert.IsFalse(comparison.Identical);
        var layer = comparison.Differences.Single(d => d.Role == BlobRole.Layer);
        Assert.AreEqual("linux/arm64", layer.Platform);
        Assert.AreEqual(2, layer.LayerNumber);
        Assert.AreEqual("app/buildtime.txt", layer.Entry?.Path);
        CollectionAssert.AreEqual(new[] { "content" }, layer.Entry!.Fields.Select(f => f.Field).ToArray(), "same size, other bytes: only the content differs");
    }

    [TestMethod]
    public void DifferingLayer_ComesAfterTheConfigWhoseDiffIdsItChanges()
    {
        using var temp = new TempDirectory();

        var comparison = Compare([WithAppFile("amd64", "app/stamp", "1")], [WithAppFile("amd64", "app/stamp", "22")], temp);

        CollectionAssert.AreEqual(new[] { BlobRole.Config, BlobRole.Layer }, comparison.Differences.Select(d => d.Role).ToArray());
        CollectionAssert.AreEqual(new[] { "rootfs.diff_ids[1]" }, comparison.Differences[0].Properties.Select(p => p.Field).ToArray());
        CollectionAssert.AreEqual(new[] { "size", "content" }, comparison.Differences[1].Entry!.Fields.Select(f => f.Field).ToArray());
    }

    [TestMethod]
    public void DifferingMode_IsNamedWithBothValuesInOctal()
    {
        using var temp = new TempDirectory();

        var comparison = Compare([WithAppFile("amd64", "app/run.sh", "x", 0b111_101_101)], [WithAppFile("amd64", "app/run.sh", "x", 0b110_100_100)], temp);

        var field = comparison.Differences.Single(d => d.Role == BlobRole.Layer).Entry!.Fields.Single();
        Assert.AreEqual(new FieldDifference("mode", "755", "644"), field);
    }

    [TestMethod]
    public void DifferingMtime_IsNamedForTheFirstEntry()
    {
        using var temp = new TempDirectory();

        var comparison = Compare([WithAppFile("amd64", "app/x", "x", mtime: 0)], [WithAppFile("amd64", "app/x", "x", mtime: 1700000000)], temp);

        var layer = comparison.Differences.First(d => d.Role == BlobRole.Layer);
        Assert.AreEqual(1, layer.LayerNumber, "the first layer differs already");
        Assert.AreEqual("etc/", layer.Entry!.Path);
        Assert.AreEqual(new FieldDifference("mtime", "0", "1700000000"), layer.Entry.Fields.Single());
    }

    [TestMethod]
    public void ExtraFile_InOneLayer_IsNamed()
    {
        using var temp = new TempDirectory();
        var plain = SyntheticPlatform.Simple("amd64") with
        {
            Layers = [[LayerEntry.File("etc/app/config.txt", "greeting=hi\n"u8.ToArray())], [LayerEntry.File("app/hello", "binary\n"u8.ToArray(), 0b111_101_101)]],
        };

        var comparison = Compare([plain], [WithAppFile("amd64", "app/zz-extra", "x")], temp);

        var entry = comparison.Differences.Single(d => d.Role == BlobRole.Layer).Entry!;
        Assert.AreEqual("app/zz-extra", entry.Path);
        Assert.AreEqual("entry", entry.Fields.Single().Field);
    }

    [TestMethod]
    public void DifferingEnvironment_NamesTheConfigProperty_AndNoLayer()
    {
        using var temp = new TempDirectory();
        var first = SyntheticPlatform.Simple("amd64");
        var second = first with { Config = first.Config with { Environment = ["PATH=/usr/bin:/bin", "BUILT=now"] } };

        var comparison = Compare([first], [second], temp);

        var config = comparison.Differences.Single();
        Assert.AreEqual(BlobRole.Config, config.Role);
        Assert.AreEqual(new FieldDifference("config.Env[1]", "\"GREETING=hi\"", "\"BUILT=now\""), config.Properties.Single());
    }

    [TestMethod]
    public void DifferingPlatformLists_AreAnIndexDifference()
    {
        using var temp = new TempDirectory();

        var comparison = Compare([SyntheticPlatform.Simple("amd64")], [SyntheticPlatform.Simple("amd64"), SyntheticPlatform.Simple("arm64")], temp);

        var index = comparison.Differences.Single();
        Assert.AreEqual(BlobRole.Index, index.Role);
        Assert.AreEqual(new FieldDifference("platforms", "linux/amd64", "linux/amd64, linux/arm64"), index.Properties.Single());
    }

    [TestMethod]
    public void OnlyTheIndexAnnotationsDiffer_TheIndexPropertyIsNamed()
    {
        using var temp = new TempDirectory();
        SyntheticLayout.Write(temp.CreateDirectory("a"), [SyntheticPlatform.Simple("amd64")], indexAnnotations: new Dictionary<string, string> { ["org.opencontainers.image.created"] = "1" });
        SyntheticLayout.Write(temp.CreateDirectory("b"), [SyntheticPlatform.Simple("amd64")], indexAnnotations: new Dictionary<string, string> { ["org.opencontainers.image.created"] = "2" });

        var comparison = ImageComparer.Compare(temp.Combine("a"), temp.Combine("b"), CancellationToken.None);

        Assert.AreEqual("annotations.org.opencontainers.image.created", comparison.Differences.Single().Properties.Single().Field);
    }

    [TestMethod]
    public void SameFiles_OtherCompression_SaysOnlyTheCompressedBytesDiffer()
    {
        using var temp = new TempDirectory();
        var a = SyntheticLayout.Write(temp.CreateDirectory("a"), [SyntheticPlatform.Simple("amd64")], singleManifest: true);
        var b = SyntheticLayout.Write(temp.CreateDirectory("b"), [SyntheticPlatform.Simple("amd64")], singleManifest: true);
        var recompressed = Recompress(b, b.Layers[0][1]);
        RewriteManifest(b, 1, recompressed);

        var comparison = ImageComparer.Compare(a.Path, b.Path, CancellationToken.None);

        var layer = comparison.Differences.Single(d => d.Role == BlobRole.Layer);
        Assert.IsNull(layer.Entry);
        StringAssert.Contains(layer.Note, "only the compressed bytes differ");
    }

    [TestMethod]
    public void ZstdLayers_SameFilesAtOtherLevels_AreReadAndOnlyTheCompressedBytesDiffer()
    {
        using var temp = new TempDirectory();
        var a = SyntheticLayout.Write(temp.CreateDirectory("a"), [SyntheticPlatform.Simple("amd64")], singleManifest: true);
        var b = SyntheticLayout.Write(temp.CreateDirectory("b"), [SyntheticPlatform.Simple("amd64")], singleManifest: true);
        RewriteManifest(a, 1, Recompress(a, a.Layers[0][1], level: 1));
        RewriteManifest(b, 1, Recompress(b, b.Layers[0][1], level: 19));

        var comparison = ImageComparer.Compare(a.Path, b.Path, CancellationToken.None);

        var layer = comparison.Differences.Single(d => d.Role == BlobRole.Layer);
        Assert.IsNull(layer.Entry);
        StringAssert.Contains(layer.Note, "only the compressed bytes differ");
    }

    [TestMethod]
    public void Describe_NamesTheFirstDifferingBlobAndTheFile()
    {
        using var temp = new TempDirectory();
        var comparison = Compare([WithAppFile("amd64", "app/stamp", "1")], [WithAppFile("amd64", "app/stamp", "2")], temp);

        var text = string.Join('\n', ComparisonText.Describe(comparison, "copy 1", "copy 2"));

        StringAssert.Contains(text, "First differing blob: the linux/amd64 config");
        StringAssert.Contains(text, "linux/amd64 layer 2 of 2");
        StringAssert.Contains(text, "first differing file: app/stamp");
    }

    // The same tar, gzipped by .NET's GZipStream instead of the pinned writer: other bytes, same files.
    private static Descriptor Recompress(SyntheticLayout layout, Descriptor layer)
    {
        using var tar = new MemoryStream();
        using (var gunzip = new System.IO.Compression.GZipStream(File.OpenRead(layout.BlobPath(layer.Digest)), System.IO.Compression.CompressionMode.Decompress))
        {
            gunzip.CopyTo(tar);
        }

        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(tar.ToArray());
        }

        var bytes = output.ToArray();
        var descriptor = new Descriptor(layer.MediaType, Digest.Of(bytes), bytes.Length);
        File.WriteAllBytes(layout.BlobPath(descriptor.Digest), bytes);
        return descriptor;
    }

    // The same tar as zstd at another level (ZstdSharp's stream, not the pinned writer); the config's diff_ids still hold.
    private static Descriptor Recompress(SyntheticLayout layout, Descriptor layer, int level)
    {
        using var output = new MemoryStream();
        using (var gunzip = new System.IO.Compression.GZipStream(File.OpenRead(layout.BlobPath(layer.Digest)), System.IO.Compression.CompressionMode.Decompress))
        using (var zstd = new ZstdSharp.CompressionStream(output, level, leaveOpen: true))
        {
            gunzip.CopyTo(zstd);
        }

        var bytes = output.ToArray();
        var descriptor = new Descriptor(MediaTypes.LayerZstd, Digest.Of(bytes), bytes.Length);
        File.WriteAllBytes(layout.BlobPath(descriptor.Digest), bytes);
        return descriptor;
    }

    private static void RewriteManifest(SyntheticLayout layout, int layerIndex, Descriptor layer)
    {
        var layers = layout.Layers[0].ToList();
        layers[layerIndex] = layer;
        var manifest = new ImageManifest(layout.Configs[0], layers).ToBlob();
        File.WriteAllBytes(layout.BlobPath(manifest.Descriptor.Digest), manifest.Content);
        var index = $$"""{"schemaVersion":2,"manifests":[{"mediaType":"{{MediaTypes.ImageManifest}}","digest":"{{manifest.Descriptor.Digest}}","size":{{manifest.Descriptor.Size}}}]}""";
        File.WriteAllText(LayoutFiles.IndexPath(layout.Path), index);
    }
}
