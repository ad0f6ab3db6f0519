using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

[TestClass]
public sealed class LayerCacheTests
{
    private static LayerContent Content(string text = "binary") =>
        LayerContent.Create("app", [LayerEntry.File("app/hello", System.Text.Encoding.UTF8.GetBytes(text), SampleImage.Mode0755)], SampleImage.Mtime);

    private static string RecordPath(string directory, LayerContent content) =>
        Path.Combine(directory, content.CacheKey(LayerCompression.Gzip, CancellationToken.None) + ".json");

    private static void AssertSameLayer(Layer expected, Layer actual)
    {
        Assert.AreEqual(expected.Digest, actual.Digest);
        Assert.AreEqual(expected.Size, actual.Size);
        Assert.AreEqual(expected.DiffId, actual.DiffId);
        Assert.AreEqual(actual.Digest, Digest.OfFile(actual.BlobPath), "the blob on disk must be the bytes the digest names");
    }

    [TestMethod]
    public void GetOrWrite_FirstTime_WritesTheBlobAndItsRecord()
    {
        // Arrange
        using var temp = new TempDirectory();
        var project = temp.Combine("obj/layers");
        var cache = new LayerCache(project, null);

        // Act
        var layer = cache.GetOrWrite(Content(), CancellationToken.None);

        // Assert
        Assert.AreEqual((1, 0), (cache.Written, cache.Reused));
        Assert.AreEqual("app", layer.Name);
        Assert.AreEqual(project, Path.GetDirectoryName(layer.BlobPath));
        Assert.AreEqual(layer.Digest, Digest.OfFile(layer.BlobPath));
        Assert.AreEqual(new FileInfo(layer.BlobPath).Length, layer.Size);
        Assert.IsTrue(File.Exists(RecordPath(project, Content())));
        Assert.AreEqual(0, Directory.GetFiles(project, "*.tmp").Length, "no temp file is left behind");
    }

    [TestMethod]
    public void GetOrWrite_GzipAndZstdOfTheSameContent_AreTwoEntriesEachServedWithItsMediaType()
    {
        // Arrange: one project folder and one shared folder, both compressions.
        using var temp = new TempDirectory();
        var project = temp.Combine("obj/layers");
        var shared = temp.Combine("shared");

        // Act
        var gzip = new LayerCache(project, shared, LayerCompression.Gzip).GetOrWrite(Content(), CancellationToken.None);
        var zstd = new LayerCache(project, shared, LayerCompression.Zstd).GetOrWrite(Content(), CancellationToken.None);
        var zstdAgain = new LayerCache(project, shared, LayerCompression.Zstd);
        var reused = zstdAgain.GetOrWrite(Content(), CancellationToken.None);
        var fromShared = new LayerCache(temp.Combine("other/obj/layers"), shared, LayerCompression.Zstd);
        var sharedCopy = fromShared.GetOrWrite(Content(), CancellationToken.None);

        // Assert
        Assert.AreEqual(MediaTypes.LayerGzip, gzip.MediaType);
        Assert.AreEqual(MediaTypes.LayerZstd, zstd.MediaType);
        Assert.AreNotEqual(gzip.Digest, zstd.Digest);
        Assert.AreEqual(gzip.DiffId, zstd.DiffId, "the same tar inside");
        StringAssert.EndsWith(gzip.BlobPath, ".tar.gz");
        StringAssert.EndsWith(zstd.BlobPath, ".tar.zst");
        Assert.AreEqual((0, 1), (zstdAgain.Written, zstdAgain.Reused));
        Assert.AreEqual(MediaTypes.LayerZstd, reused.MediaType);
        AssertSameLayer(zstd, reused);
        Assert.AreEqual((0, 1), (fromShared.Written, fromShared.Reused));
        Assert.AreEqual(MediaTypes.LayerZstd, sharedCopy.MediaType);
        AssertSameLayer(zstd, sharedCopy);
        Assert.AreEqual(2, Directory.GetFiles(project, "*.json").Length);
    }

    [TestMethod]
    public void GetOrWrite_SameContentAgain_IsReused()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cache = new LayerCache(temp.Combine("project"), null);
        var first = cache.GetOrWrite(Content(), CancellationToken.None);

        // Act
        var second = cache.GetOrWrite(Content(), CancellationToken.None);

        // Assert
        Assert.AreEqual((1, 1), (cache.Written, cache.Reused));
        AssertSameLayer(first, second);
        Assert.AreEqual(first.BlobPath, second.BlobPath);
        Assert.AreEqual("1 written, 1 reused", cache.ToString());
    }

    [TestMethod]
    public void GetOrWrite_NewCacheOnSameFolder_ReusesAndKeepsTheNewName()
    {
        // Arrange: the next build's cache, over the same obj/ folder.
        using var temp = new TempDirectory();
        var first = new LayerCache(temp.Combine("project"), null).GetOrWrite(Content(), CancellationToken.None);
        var next = new LayerCache(temp.Combine("project"), null);
        var renamed = LayerContent.Create("renamed", Content().Entries, SampleImage.Mtime);

        // Act
        var layer = next.GetOrWrite(renamed, CancellationToken.None);

        // Assert
        Assert.AreEqual((0, 1), (next.Written, next.Reused));
        AssertSameLayer(first, layer);
        Assert.AreEqual("renamed", layer.Name);
    }

    [TestMethod]
    public void GetOrWrite_OtherContent_IsWritten()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cache = new LayerCache(temp.Combine("project"), null);
        var first = cache.GetOrWrite(Content("one"), CancellationToken.None);

        // Act
        var second = cache.GetOrWrite(Content("two"), CancellationToken.None);

        // Assert
        Assert.AreEqual((2, 0), (cache.Written, cache.Reused));
        Assert.AreNotEqual(first.Digest, second.Digest);
    }

    [TestMethod]
    public void GetOrWrite_GivesTheBytesLayerWriterGives()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act
        var layer = new LayerCache(temp.Combine("project"), null).GetOrWrite(SampleImage.SmallLayer(), CancellationToken.None);

        // Assert
        CollectionAssert.AreEqual(GoldenFile.Read("small-layer.tar.gz"), File.ReadAllBytes(layer.BlobPath));
        Assert.AreEqual(LayerGoldenTests.SmallLayerDiffId, layer.DiffId.ToString());
    }

    [TestMethod]
    public void GetOrWrite_SharedFolder_ServesANewProject()
    {
        // Arrange: another project (or a clean clone) wrote the layer through the shared folder.
        using var temp = new TempDirectory();
        var shared = temp.Combine("home/.goimage/layers");
        var written = new LayerCache(temp.Combine("one/obj"), shared).GetOrWrite(Content(), CancellationToken.None);
        var other = new LayerCache(temp.Combine("two/obj"), shared);

        // Act
        var layer = other.GetOrWrite(Content(), CancellationToken.None);

        // Assert
        Assert.AreEqual((0, 1), (other.Written, other.Reused));
        AssertSameLayer(written, layer);
        Assert.AreEqual(temp.Combine("two/obj"), Path.GetDirectoryName(layer.BlobPath), "the blob is copied into the project");
        Assert.IsTrue(File.Exists(RecordPath(temp.Combine("two/obj"), Content())));
    }

    [TestMethod]
    public void GetOrWrite_SharedFolderUnusable_StillWritesTheLayer()
    {
        // Arrange: a file where the shared folder should be, as a broken home folder might have.
        using var temp = new TempDirectory();
        var shared = temp.Write("shared", "not a folder");
        var cache = new LayerCache(temp.Combine("project"), shared);

        // Act
        var layer = cache.GetOrWrite(Content(), CancellationToken.None);

        // Assert
        Assert.AreEqual(1, cache.Written);
        Assert.AreEqual(layer.Digest, Digest.OfFile(layer.BlobPath));
    }

    [TestMethod]
    [DataRow("{\"digest\":", DisplayName = "truncated")]
    [DataRow("", DisplayName = "empty")]
    [DataRow("[]", DisplayName = "not an object")]
    [DataRow("{\"digest\":\"sha256:00\",\"size\":0,\"diffId\":\"sha256:00\"}", DisplayName = "bad digests")]
    [DataRow("{\"size\":1}", DisplayName = "missing fields")]
    [DataRow("{\"digest\":1,\"size\":\"x\",\"diffId\":null}", DisplayName = "wrong types")]
    [DataRow("{\"digest\":\"x\",\"size\":1.5,\"diffId\":\"x\"}", DisplayName = "fractional size")]
    public void GetOrWrite_DamagedRecord_IsAMiss(string record)
    {
        // Arrange
        using var temp = new TempDirectory();
        var project = temp.Combine("project");
        var first = new LayerCache(project, null).GetOrWrite(Content(), CancellationToken.None);
        File.WriteAllText(RecordPath(project, Content()), record);
        var next = new LayerCache(project, null);

        // Act
        var layer = next.GetOrWrite(Content(), CancellationToken.None);

        // Assert: written again, and the record repaired for the build after.
        Assert.AreEqual((1, 0), (next.Written, next.Reused));
        AssertSameLayer(first, layer);
        var after = new LayerCache(project, null);
        after.GetOrWrite(Content(), CancellationToken.None);
        Assert.AreEqual((0, 1), (after.Written, after.Reused));
    }

    [TestMethod]
    public void GetOrWrite_TruncatedBlob_IsAMiss()
    {
        // Arrange: the record is fine, but the blob is shorter than it says.
        using var temp = new TempDirectory();
        var project = temp.Combine("project");
        var first = new LayerCache(project, null).GetOrWrite(Content(), CancellationToken.None);
        File.WriteAllBytes(first.BlobPath, File.ReadAllBytes(first.BlobPath)[..10]);
        var next = new LayerCache(project, null);

        // Act
        var layer = next.GetOrWrite(Content(), CancellationToken.None);

        // Assert
        Assert.AreEqual(1, next.Written);
        AssertSameLayer(first, layer);
    }

    [TestMethod]
    public void PruneUnused_RemovesEntriesThisCacheDidNotUse()
    {
        // Arrange: the last build wrote two layers; this one uses only the first.
        using var temp = new TempDirectory();
        var project = temp.Combine("project");
        var previous = new LayerCache(project, null);
        var kept = previous.GetOrWrite(Content("kept"), CancellationToken.None);
        var dropped = previous.GetOrWrite(Content("dropped"), CancellationToken.None);
        var cache = new LayerCache(project, null);
        cache.GetOrWrite(Content("kept"), CancellationToken.None);

        // Act
        cache.PruneUnused();

        // Assert
        Assert.IsTrue(File.Exists(kept.BlobPath));
        Assert.IsTrue(File.Exists(RecordPath(project, Content("kept"))));
        Assert.IsFalse(File.Exists(dropped.BlobPath));
        Assert.IsFalse(File.Exists(RecordPath(project, Content("dropped"))));
        Assert.AreEqual(3, Directory.GetFiles(project).Length, "the kept entry: blob, record and verified fingerprint");
    }

    [TestMethod]
    public void PruneUnused_LeavesTheSharedFolderAlone()
    {
        // Arrange
        using var temp = new TempDirectory();
        var shared = temp.Combine("shared");
        new LayerCache(temp.Combine("one"), shared).GetOrWrite(Content("other project"), CancellationToken.None);
        var cache = new LayerCache(temp.Combine("two"), shared);
        cache.GetOrWrite(Content(), CancellationToken.None);

        // Act
        cache.PruneUnused();

        // Assert: both layers stay shared; other projects may still need them.
        Assert.AreEqual(6, Directory.GetFiles(shared).Length, "two entries of blob, record and verified fingerprint");
    }

    [TestMethod]
    public void PruneUnused_MissingFolder_DoesNothing()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cache = new LayerCache(temp.Combine("never-created"), null);

        // Act
        cache.PruneUnused();

        // Assert
        Assert.IsFalse(Directory.Exists(temp.Combine("never-created")));
    }

    [TestMethod]
    public void GetOrWrite_IntoACacheFolderThatCannotBeCreated_FailsWithGOI1040NamingTheFolder()
    {
        // Arrange: the folder's parent is a regular file, which stops even root from writing there.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("obj"), "a file, not a folder");
        var project = temp.Combine("obj/layers");
        var cache = new LayerCache(project, null);

        // Act
        var error = Assert.ThrowsExactly<GoImageException>(() => cache.GetOrWrite(Content(), CancellationToken.None));

        // Assert
        Assert.AreEqual("GOI1040", error.Diagnostic.Code, error.Message);
        StringAssert.Contains(error.Message, $"'{Path.GetFullPath(project)}'");
        Assert.AreEqual("a file, not a folder", File.ReadAllText(temp.Combine("obj")));
    }
}
