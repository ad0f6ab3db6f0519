using System.Text.Json;
using GoImage.Composition;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.IO;
using GoImage.Layouts;
using GoImage.Testing;

namespace GoImage.Core.Tests.Layouts;

[TestClass]
public sealed class OciLayoutTests
{
    private static readonly string[] Tags = ["1.4.2", "latest"];

    // Every file under the folder by relative path, with its bytes: a byte-for-byte picture of a layout.
    private static SortedDictionary<string, byte[]> Snapshot(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), File.ReadAllBytes), StringComparer.Ordinal);

    private static void AssertSameFiles(SortedDictionary<string, byte[]> expected, SortedDictionary<string, byte[]> actual)
    {
        CollectionAssert.AreEqual(expected.Keys.ToArray(), actual.Keys.ToArray());
        foreach (var (path, bytes) in expected)
        {
            CollectionAssert.AreEqual(bytes, actual[path], path);
        }
    }

    // The layout and its fingerprint record, nothing else.
    private static void AssertOnlyLayoutIn(string parent)
    {
        CollectionAssert.AreEqual(
            new[] { ".layout-blobs.verified", "layout" },
            Directory.EnumerateFileSystemEntries(parent).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray(),
            "no staging or old folder may be left beside the layout");
    }

    private static Descriptor LayerDescriptor(ImageSet image) =>
        new(MediaTypes.LayerGzip, image.LayerBlobs.First().Digest, image.LayerBlobs.First().Size);

    [TestMethod]
    public void Write_NewLayout_WritesMarkerIndexAndEveryBlob()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("out/layout");

        // Act
        var wrote = OciLayout.Write(layout, image, Tags, CancellationToken.None);

        // Assert
        Assert.IsTrue(wrote);
        Assert.AreEqual(LayoutFiles.MarkerJson, File.ReadAllText(LayoutFiles.MarkerPath(layout)));
        CollectionAssert.AreEqual(LayoutContents.Of(image, Tags).IndexJson, File.ReadAllBytes(LayoutFiles.IndexPath(layout)));

        // Shared layer once, two app layers, two configs, two manifests, the index.
        var blobs = Directory.GetFiles(LayoutFiles.BlobsFolder(layout));
        Assert.AreEqual(8, blobs.Length);
        foreach (var blob in blobs)
        {
            Assert.AreEqual(Path.GetFileName(blob), Digest.OfFile(blob).Hex, "a blob's name is its digest");
        }

        var expected = image.LayerBlobs.Select(l => l.Digest.Hex).Concat(image.JsonBlobs.Select(b => b.Descriptor.Digest.Hex)).Order(StringComparer.Ordinal);
        CollectionAssert.AreEqual(expected.ToArray(), blobs.Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        AssertOnlyLayoutIn(temp.Combine("out"));
    }

    [TestMethod]
    public void Write_IndexJson_NamesTheImageIndexOnceATag()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("out/layout");

        // Act
        OciLayout.Write(layout, image, Tags, CancellationToken.None);

        // Assert
        using var index = JsonDocument.Parse(File.ReadAllBytes(LayoutFiles.IndexPath(layout)));
        var manifests = index.RootElement.GetProperty("manifests").EnumerateArray().ToList();
        CollectionAssert.AreEqual(Tags, manifests.Select(m => m.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString()).ToArray());
        Assert.IsTrue(manifests.All(m => m.GetProperty("digest").GetString() == image.Index.Descriptor.Digest.ToString()));
        Assert.IsTrue(manifests.All(m => m.GetProperty("mediaType").GetString() == MediaTypes.ImageIndex));
    }

    [TestMethod]
    public void Write_SameImageAgain_ReturnsFalseAndChangesNothing()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("out/layout");
        OciLayout.Write(layout, image, Tags, CancellationToken.None);
        var before = Snapshot(layout);

        // Act
        var wrote = OciLayout.Write(layout, image, Tags, CancellationToken.None);

        // Assert
        Assert.IsFalse(wrote);
        AssertSameFiles(before, Snapshot(layout));
    }

    [TestMethod]
    public void Write_OtherTags_RewritesTheLayout()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("out/layout");
        OciLayout.Write(layout, image, Tags, CancellationToken.None);

        // Act
        var wrote = OciLayout.Write(layout, image, ["edge"], CancellationToken.None);

        // Assert
        Assert.IsTrue(wrote);
        CollectionAssert.AreEqual(LayoutContents.Of(image, ["edge"]).IndexJson, File.ReadAllBytes(LayoutFiles.IndexPath(layout)));
    }

    [TestMethod]
    public void Write_MissingBlobInLayout_WritesAgain()
    {
        // Arrange: same index.json, but someone deleted a blob.
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("out/layout");
        OciLayout.Write(layout, image, Tags, CancellationToken.None);
        var before = Snapshot(layout);
        File.Delete(LayoutFiles.BlobPath(layout, image.Platforms[0].Config.Descriptor.Digest.ToString()));

        // Act
        var wrote = OciLayout.Write(layout, image, Tags, CancellationToken.None);

        // Assert
        Assert.IsTrue(wrote);
        AssertSameFiles(before, Snapshot(layout));
    }

    [TestMethod]
    public void Write_NewImage_ReplacesTheOldLayoutWhole()
    {
        // Arrange
        using var temp = new TempDirectory();
        var layout = temp.Combine("out/layout");
        var old = SampleImage.Assemble(temp.Combine("old"));
        OciLayout.Write(layout, old, Tags, CancellationToken.None);
        var image = SampleImage.Assemble(temp.Combine("new"), [SampleImage.Amd64]);

        // Act
        OciLayout.Write(layout, image, Tags, CancellationToken.None);

        // Assert: exactly the new image's blobs; the old arm blobs and index do not pile up.
        var expected = image.LayerBlobs.Select(l => l.Digest.Hex).Concat(image.JsonBlobs.Select(b => b.Descriptor.Digest.Hex)).Order(StringComparer.Ordinal);
        var blobs = Directory.GetFiles(LayoutFiles.BlobsFolder(layout)).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        CollectionAssert.AreEqual(expected.ToArray(), blobs.ToArray());
        Assert.IsFalse(blobs.Contains(old.Index.Descriptor.Digest.Hex));
        AssertOnlyLayoutIn(temp.Combine("out"));
    }

    [TestMethod]
    public void Write_FailingMidway_LeavesThePreviousLayoutByteIdentical()
    {
        // Arrange: the next image's last layer blob has gone missing, so copying fails after others succeeded.
        using var temp = new TempDirectory();
        var layout = temp.Combine("out/layout");
        OciLayout.Write(layout, SampleImage.Assemble(temp.Combine("old")), Tags, CancellationToken.None);
        var before = Snapshot(layout);
        var next = SampleImage.Assemble(temp.Combine("new"));
        File.Delete(next.LayerBlobs.Last().BlobPath);

        // Act
        Assert.ThrowsExactly<FileNotFoundException>(() => OciLayout.Write(layout, next, ["2.0.0"], CancellationToken.None));

        // Assert
        AssertSameFiles(before, Snapshot(layout));
        AssertOnlyLayoutIn(temp.Combine("out"));
    }

    [TestMethod]
    public void Write_CanceledToken_LeavesThePreviousLayoutIntact()
    {
        // Arrange
        using var temp = new TempDirectory();
        var layout = temp.Combine("out/layout");
        var image = SampleImage.Assemble(temp.Combine("layers"));
        OciLayout.Write(layout, image, Tags, CancellationToken.None);
        var before = Snapshot(layout);
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();

        // Act
        Assert.ThrowsExactly<OperationCanceledException>(() => OciLayout.Write(layout, image, ["2.0.0"], canceled.Token));

        // Assert
        AssertSameFiles(before, Snapshot(layout));
        AssertOnlyLayoutIn(temp.Combine("out"));
    }

    [TestMethod]
    public void Write_CanceledTokenWithoutPreviousLayout_LeavesNothing()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();

        // Act
        Assert.ThrowsExactly<OperationCanceledException>(() => OciLayout.Write(temp.Combine("out/layout"), image, Tags, canceled.Token));

        // Assert
        Assert.AreEqual(0, Directory.EnumerateFileSystemEntries(temp.Combine("out")).Count());
    }
    [TestMethod]
    public void Write_RecordsEveryBlobsFingerprint_BesideTheLayout()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("out/layout");

        // Act
        OciLayout.Write(layout, image, Tags, CancellationToken.None);

        // Assert: one line a blob, by its name in the layout; nothing added inside the layout itself.
        var record = File.ReadAllLines(temp.Combine("out/.layout-blobs.verified")).Select(l => l.Split(' ')[0]).ToArray();
        var blobs = Directory.GetFiles(LayoutFiles.BlobsFolder(layout)).Select(b => "blobs/sha256/" + Path.GetFileName(b)).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(blobs, record);
        CollectionAssert.AreEquivalent(new[] { "blobs", "index.json", "oci-layout" }, Directory.EnumerateFileSystemEntries(layout).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void Write_SameImageAfterABlobChangedInPlace_SeesThroughTheRecord_AndRepairsIt()
    {
        // Arrange: same size, one byte different; the write moved the blob's ctime, so its fingerprint no longer matches.
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("out/layout");
        OciLayout.Write(layout, image, Tags, CancellationToken.None);
        var before = Snapshot(layout);
        var path = LayoutFiles.BlobPath(layout, image.LayerBlobs.First().Digest.ToString());
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(path, bytes);
        var warnings = new List<Diagnostic>();

        // Act
        var wrote = OciLayout.Write(layout, image, Tags, CancellationToken.None, warnings.Add);

        // Assert
        Assert.IsTrue(wrote);
        Assert.AreEqual("GOI2046", warnings.Single().Code);
        AssertSameFiles(before, Snapshot(layout));
    }

    [TestMethod]
    public void VerifyBlobs_BlobChangedAfterTheWrite_FailsWithGOI2081()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("out/layout");
        OciLayout.Write(layout, image, Tags, CancellationToken.None);
        var path = LayoutFiles.BlobPath(layout, image.LayerBlobs.First().Digest.ToString());
        var bytes = File.ReadAllBytes(path);
        bytes[0] ^= 0xff;
        File.WriteAllBytes(path, bytes);

        // Act
        var error = Assert.ThrowsExactly<GoImageException>(() => OciLayout.Open(layout).VerifyBlobs([LayerDescriptor(image)], CancellationToken.None));

        // Assert
        Assert.AreEqual("GOI2081", error.Diagnostic.Code);
    }

    [TestMethod]
    public void VerifyBlobs_TrustsABlobTheRecordShowsUntouched_WithoutReadingIt()
    {
        // Arrange: a changed blob whose new state is then recorded as proven, which only a writer that hashed it may do:
        // the check below passing shows the blob was not read (a read would find the wrong digest).
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("out/layout");
        OciLayout.Write(layout, image, Tags, CancellationToken.None);
        var name = OciLayout.BlobName(image.LayerBlobs.First().Digest);
        var path = Path.Combine(layout, name);
        var bytes = File.ReadAllBytes(path);
        bytes[0] ^= 0xff;
        File.WriteAllBytes(path, bytes);
        var record = VerifiedFingerprintRecord.Read(OciLayout.FingerprintRecordPath(layout));
        record.Add(name, path);
        record.Save();

        // Act + Assert: no exception.
        OciLayout.Open(layout).VerifyBlobs([LayerDescriptor(image)], CancellationToken.None);
    }

    [TestMethod]
    public void VerifyBlobs_OnALayoutItDidNotWrite_LeavesNoRecordBesideIt()
    {
        // Arrange: a layout without a record (another tool's, or one copied elsewhere).
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("out/layout");
        OciLayout.Write(layout, image, Tags, CancellationToken.None);
        File.Delete(OciLayout.FingerprintRecordPath(layout));

        // Act
        OciLayout.Open(layout).VerifyBlobs([LayerDescriptor(image)], CancellationToken.None);

        // Assert
        CollectionAssert.AreEqual(new[] { "layout" }, Directory.EnumerateFileSystemEntries(temp.Combine("out")).Select(Path.GetFileName).ToArray());
    }
}
