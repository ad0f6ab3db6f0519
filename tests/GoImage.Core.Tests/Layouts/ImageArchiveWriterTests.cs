using System.Formats.Tar;
using System.Text.Json;
using GoImage.Images;
using GoImage.Layouts;
using GoImage.Testing;

namespace GoImage.Core.Tests.Layouts;

[TestClass]
public sealed class ImageArchiveWriterTests
{
    private static readonly string[] Tags = ["1.4.2", "latest"];

    private static Dictionary<string, (TarEntry Entry, byte[] Content)> ReadArchive(string path)
    {
        using var reader = new TarReader(File.OpenRead(path));
        var entries = new Dictionary<string, (TarEntry, byte[])>(StringComparer.Ordinal);
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries.Add(entry.Name, (entry, content.ToArray()));
        }

        return entries;
    }

    [TestMethod]
    public void Write_HoldsOciLayoutIndexDockerManifestAndEveryBlob()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var archive = temp.Combine("out/image.tar");

        // Act
        ImageArchiveWriter.Write(archive, image, "shop/api", Tags, SampleImage.Mtime, CancellationToken.None);

        // Assert
        var entries = ReadArchive(archive);
        CollectionAssert.AreEqual(System.Text.Encoding.UTF8.GetBytes(LayoutFiles.MarkerJson), entries["oci-layout"].Content);
        CollectionAssert.AreEqual(LayoutContents.Of(image, ["shop/api:1.4.2"]).IndexJson, entries["index.json"].Content);
        Assert.IsTrue(entries.ContainsKey("manifest.json"));
        var blobs = entries.Where(e => e.Key.StartsWith("blobs/sha256/", StringComparison.Ordinal) && e.Value.Entry.EntryType == TarEntryType.RegularFile).ToList();
        Assert.AreEqual(8, blobs.Count);
        foreach (var (name, (_, content)) in blobs)
        {
            Assert.AreEqual(name["blobs/sha256/".Length..], Digest.Of(content).Hex, "a blob's name is its digest");
        }

        foreach (var layer in image.LayerBlobs)
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(layer.BlobPath), entries[LayoutFiles.BlobName(layer.Digest.Hex)].Content);
        }

        foreach (var blob in image.JsonBlobs)
        {
            CollectionAssert.AreEqual(blob.Content, entries[LayoutFiles.BlobName(blob.Descriptor.Digest.Hex)].Content);
        }
    }

    [TestMethod]
    public void Write_IndexJson_HasOneEntryNamedRepositoryColonFirstTag()
    {
        // Arrange: podman refuses an archive whose index.json names several images.
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var archive = temp.Combine("image.tar");

        // Act
        ImageArchiveWriter.Write(archive, image, "shop/api", Tags, SampleImage.Mtime, CancellationToken.None);

        // Assert
        using var index = JsonDocument.Parse(ReadArchive(archive)["index.json"].Content);
        var manifest = index.RootElement.GetProperty("manifests").EnumerateArray().Single();
        Assert.AreEqual("shop/api:1.4.2", manifest.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString());
        Assert.AreEqual(image.Index.Descriptor.Digest.ToString(), manifest.GetProperty("digest").GetString());
    }

    [TestMethod]
    public void Write_DockerManifest_TagsOnlyTheFirstPlatform()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var archive = temp.Combine("image.tar");

        // Act
        ImageArchiveWriter.Write(archive, image, "shop/api", Tags, SampleImage.Mtime, CancellationToken.None);

        // Assert
        var entries = ReadArchive(archive);
        using var manifest = JsonDocument.Parse(entries["manifest.json"].Content);
        var platforms = manifest.RootElement.EnumerateArray().ToList();
        Assert.AreEqual(2, platforms.Count);
        CollectionAssert.AreEqual(
            new[] { "shop/api:1.4.2", "shop/api:latest" },
            platforms[0].GetProperty("RepoTags").EnumerateArray().Select(t => t.GetString()).ToArray());
        Assert.AreEqual(0, platforms[1].GetProperty("RepoTags").GetArrayLength());
        for (var i = 0; i < platforms.Count; i++)
        {
            Assert.AreEqual(LayoutFiles.BlobName(image.Platforms[i].Config.Descriptor.Digest.Hex), platforms[i].GetProperty("Config").GetString());
            CollectionAssert.AreEqual(
                image.Platforms[i].Layers.Select(l => LayoutFiles.BlobName(l.Digest.Hex)).ToArray(),
                platforms[i].GetProperty("Layers").EnumerateArray().Select(l => l.GetString()).ToArray());
            Assert.IsTrue(platforms[i].GetProperty("Layers").EnumerateArray().All(l => entries.ContainsKey(l.GetString()!)), "every layer docker reads is in the archive");
        }
    }

    [TestMethod]
    public void Write_EntriesArePinnedLikeLayerEntries()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var archive = temp.Combine("image.tar");

        // Act
        ImageArchiveWriter.Write(archive, image, "shop/api", Tags, SampleImage.Mtime, CancellationToken.None);

        // Assert: parents first, root-owned, the epoch's mtime; nothing of the host's leaks in.
        var entries = ReadArchive(archive);
        CollectionAssert.AreEqual(new[] { "blobs/", "blobs/sha256/" }, entries.Keys.Take(2).ToArray());
        Assert.IsTrue(entries.Values.All(e => e.Entry.ModificationTime == DateTimeOffset.FromUnixTimeSeconds(SampleImage.Mtime)));
        Assert.IsTrue(entries.Values.All(e => e.Entry.Uid == 0 && e.Entry.Gid == 0));
    }

    [TestMethod]
    public void Write_Twice_GivesIdenticalBytes()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var first = temp.Combine("first.tar");
        var second = temp.Combine("second.tar");

        // Act
        ImageArchiveWriter.Write(first, image, "shop/api", Tags, SampleImage.Mtime, CancellationToken.None);
        ImageArchiveWriter.Write(second, image, "shop/api", Tags, SampleImage.Mtime, CancellationToken.None);

        // Assert
        CollectionAssert.AreEqual(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [TestMethod]
    public void Write_OverExistingArchive_ReplacesItAndLeavesNoTempFile()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var archive = temp.Write("out/image.tar", "an older archive");

        // Act
        ImageArchiveWriter.Write(archive, image, "shop/api", Tags, SampleImage.Mtime, CancellationToken.None);

        // Assert
        Assert.IsTrue(ReadArchive(archive).ContainsKey("manifest.json"));
        CollectionAssert.AreEqual(new[] { "image.tar" }, Directory.GetFiles(temp.Combine("out")).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void Write_CanceledToken_LeavesTheOldArchive()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var archive = temp.Write("out/image.tar", "an older archive");
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();

        // Act
        Assert.ThrowsExactly<OperationCanceledException>(
            () => ImageArchiveWriter.Write(archive, image, "shop/api", Tags, SampleImage.Mtime, canceled.Token));

        // Assert
        Assert.AreEqual("an older archive", File.ReadAllText(archive));
        CollectionAssert.AreEqual(new[] { "image.tar" }, Directory.GetFiles(temp.Combine("out")).Select(Path.GetFileName).ToArray());
    }
}
