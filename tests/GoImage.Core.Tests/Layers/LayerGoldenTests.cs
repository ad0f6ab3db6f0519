using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

/// <summary>
/// Pins every byte of a layer: Golden/small-layer.tar is the tar of <see cref="SampleImage.SmallLayer"/>,
/// Golden/small-layer.tar.gz the blob <see cref="LayerWriter"/> makes of it.
/// </summary>
/// <remarks>
/// How the goldens were checked once, with tools that share no code with ours (GNU tar 1.34,
/// gzip 1.12, Python 3.11's tarfile/gzip/zlib, coreutils sha256sum):
/// <list type="bullet">
/// <item><c>gzip -t small-layer.tar.gz</c> passes; <c>zcat small-layer.tar.gz</c> wrote small-layer.tar itself,
/// and <c>zcat | sha256sum</c> is <see cref="SmallLayerDiffId"/>; <c>sha256sum small-layer.tar.gz</c> is
/// <see cref="SmallLayerDigest"/>; <c>gzip -lv</c> shows CRC 0e9978d8 and 17408 bytes.</item>
/// <item><c>tar --numeric-owner -tvf small-layer.tar</c> lists all 19 entries with the modes, 65532/65532 on
/// app/hello, 2023-11-14 22:13, the symlink target and the full names (up to 317 characters);
/// <c>tar -xf</c> extracts it without a warning.</item>
/// <item>Python's tarfile reads the same modes, owners, empty owner names, mtime 1700000000, link and
/// contents, and PAX "path" records for the non-ASCII name and the three paths ustar cannot hold; a
/// header walk confirmed every checksum, the "ustar\0" "00" magic, the prefix splits (54+64, 64+61,
/// 125+61) and each PAX record's self-counting length; zlib.crc32 of the tar equals the trailer.</item>
/// </list>
/// If a golden has to change, change it on purpose, check it again the same way and update the constants.
/// </remarks>
[TestClass]
public sealed class LayerGoldenTests
{
    public const string SmallLayerDigest = "sha256:48a4f4ca43747502a8c8a3265ec82dd6c7d302cfbd10bbeca5c5e36626aa1260";
    public const string SmallLayerDiffId = "sha256:ae371ded51084956d1c919815c9f25b60894d46bc70b3d4a23440bc832f6590e";
    public const long SmallLayerSize = 611;

    // The same layer as zstd (ContainerLayerCompression=zstd): one frame, checked with `zstd -t` and `zstd -dc | cmp small-layer.tar`.
    public const string SmallLayerZstdDigest = "sha256:9640d784815dea022816e05776ea9f839f907f3b708e909ba2e362ad9d625de3";

    // CRC-32 of the golden tar, as gzip -lv and Python's zlib.crc32 reported it.
    private const uint SmallLayerCrc = 0x0e9978d8;

    private static byte[] WriteBlob(LayerContent content, out Layer layer)
    {
        using var output = new MemoryStream();
        layer = LayerWriter.Write(content, LayerCompression.Gzip, output, "small-layer.tar.gz", CancellationToken.None);
        return output.ToArray();
    }

    private static byte[] WriteTar(LayerContent content)
    {
        using var output = new MemoryStream();
        new LayerTarWriter(output, content.Mtime).Write(content.Entries, CancellationToken.None);
        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] blob)
    {
        using var gzip = new GZipStream(new MemoryStream(blob), CompressionMode.Decompress);
        using var tar = new MemoryStream();
        gzip.CopyTo(tar);
        return tar.ToArray();
    }

    [TestMethod]
    public void Write_SmallLayer_GivesGoldenBlobBytes()
    {
        // Act
        var blob = WriteBlob(SampleImage.SmallLayer(), out _);

        // Assert
        CollectionAssert.AreEqual(GoldenFile.Read("small-layer.tar.gz"), blob, $"the blob is now {Digest.Of(blob)}");
    }

    [TestMethod]
    public void Write_SmallLayer_ReportsPinnedDigestSizeAndDiffId()
    {
        // Act
        var blob = WriteBlob(SampleImage.SmallLayer(), out var layer);

        // Assert
        Assert.AreEqual(SmallLayerDigest, layer.Digest.ToString());
        Assert.AreEqual(SmallLayerDiffId, layer.DiffId.ToString());
        Assert.AreEqual(SmallLayerSize, layer.Size);
        Assert.AreEqual(blob.LongLength, layer.Size, "the size must count every byte written, trailer included");
        Assert.AreEqual("small-layer.tar.gz", layer.BlobPath);
        Assert.AreEqual(MediaTypes.LayerGzip, layer.Descriptor.MediaType);
        Assert.AreEqual((layer.Digest, layer.Size), (layer.Descriptor.Digest, layer.Descriptor.Size));
    }

    [TestMethod]
    public void GoldenFiles_HashToThePinnedDigests()
    {
        // Act
        var blobDigest = Digest.Of(GoldenFile.Read("small-layer.tar.gz"));
        var tarDigest = Digest.Of(GoldenFile.Read("small-layer.tar"));

        // Assert: the constants and the files agree, so neither can be replaced alone.
        Assert.AreEqual(SmallLayerDigest, blobDigest.ToString());
        Assert.AreEqual(SmallLayerDiffId, tarDigest.ToString());
    }

    [TestMethod]
    public void TarWriter_SmallLayer_GivesGoldenTarBytes()
    {
        // Act
        var tar = WriteTar(SampleImage.SmallLayer());

        // Assert
        CollectionAssert.AreEqual(GoldenFile.Read("small-layer.tar"), tar, $"the tar is now {Digest.Of(tar)}");
    }

    [TestMethod]
    public void GoldenBlob_DecompressedByGZipStream_IsExactlyTheGoldenTar()
    {
        // Act: .NET's zlib is an independent inflater, and it checks the CRC and size in the trailer.
        var tar = Gunzip(GoldenFile.Read("small-layer.tar.gz"));

        // Assert
        CollectionAssert.AreEqual(GoldenFile.Read("small-layer.tar"), tar);
    }

    [TestMethod]
    public void Write_GzipHeader_HasNoTimeNoNameAndUnknownOs()
    {
        // Act
        var blob = WriteBlob(SampleImage.SmallLayer(), out _);

        // Assert: magic, deflate, no flags, MTIME 0, XFL 0, OS 255.
        CollectionAssert.AreEqual(
            new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff },
            blob[..10]);
    }

    [TestMethod]
    public void Write_GzipTrailer_HoldsCrcAndLengthOfTheTar()
    {
        // Arrange
        var tar = GoldenFile.Read("small-layer.tar");

        // Act
        var blob = WriteBlob(SampleImage.SmallLayer(), out _);

        // Assert
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(blob.Length - 8));
        var length = BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(blob.Length - 4));
        Assert.AreEqual(ReferenceCrc32.Compute(tar), crc);
        Assert.AreEqual(SmallLayerCrc, crc);
        Assert.AreEqual((uint)tar.Length, length);
    }

    [TestMethod]
    public void ReferenceCrc32_GivesTheStandardCheckValue()
    {
        // Act: the published check value of CRC-32/ISO-HDLC, so the reference itself is trusted.
        var crc = ReferenceCrc32.Compute("123456789"u8);

        // Assert
        Assert.AreEqual(0xCBF43926u, crc);
    }

    [TestMethod]
    public void GoldenTar_ReadByTarReader_HoldsEveryEntryAsWritten()
    {
        // Arrange
        var mtime = DateTimeOffset.FromUnixTimeSeconds(SampleImage.Mtime);
        using var reader = new TarReader(new MemoryStream(GoldenFile.Read("small-layer.tar")));

        // Act
        var entries = new List<(TarEntry Entry, string Content)>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            using var content = new StreamReader(entry.DataStream ?? Stream.Null, Encoding.UTF8);
            entries.Add((entry, content.ReadToEnd()));
        }

        // Assert: parents first, ordinal order, directories with a trailing slash.
        var byName = entries.ToDictionary(e => e.Entry.Name, StringComparer.Ordinal);
        CollectionAssert.AreEqual(
            SampleImage.SmallLayer().Entries.Select(e => e.Kind == LayerEntryKind.Directory ? e.Path + "/" : e.Path).ToArray(),
            entries.Select(e => e.Entry.Name).ToArray());
        Assert.IsTrue(entries.All(e => e.Entry.ModificationTime == mtime), "every entry carries SOURCE_DATE_EPOCH");
        Assert.IsTrue(entries.All(e => e.Entry is PosixTarEntry { UserName: "", GroupName: "" }), "no owner names");

        var app = byName["app/hello"].Entry;
        Assert.AreEqual(TarEntryType.RegularFile, app.EntryType);
        Assert.AreEqual(65532, app.Uid);
        Assert.AreEqual(65532, app.Gid);
        Assert.AreEqual((UnixFileMode)SampleImage.Mode0755, app.Mode);
        Assert.AreEqual("#!not really a Go binary\n", byName["app/hello"].Content);

        var folder = byName["etc/app/"].Entry;
        Assert.AreEqual(TarEntryType.Directory, folder.EntryType);
        Assert.AreEqual((UnixFileMode)SampleImage.Mode0750, folder.Mode);
        Assert.AreEqual((UnixFileMode)SampleImage.Mode0644, byName["etc/app/config.txt"].Entry.Mode);
        Assert.AreEqual("greeting=hi\n", byName["etc/app/config.txt"].Content);

        var link = byName["usr/bin/hello"].Entry;
        Assert.AreEqual(TarEntryType.SymbolicLink, link.EntryType);
        Assert.AreEqual("/app/hello", link.LinkName);

        // The 119-character path fits ustar's prefix and name; the 317-character and non-ASCII ones need PAX.
        Assert.AreEqual(TarEntryFormat.Ustar, byName[SampleImage.SplitPath].Entry.Format);
        Assert.AreEqual("split\n", byName[SampleImage.SplitPath].Content);
        Assert.AreEqual(TarEntryFormat.Pax, byName[SampleImage.PaxPath].Entry.Format);
        Assert.AreEqual("pax\n", byName[SampleImage.PaxPath].Content);
        Assert.AreEqual(TarEntryFormat.Pax, byName[SampleImage.UnicodePath].Entry.Format);
        Assert.AreEqual("grüße\n", byName[SampleImage.UnicodePath].Content);
    }

    [TestMethod]
    public void Write_EmptyLayer_IsOnlyTheEndOfArchiveMarker()
    {
        // Act
        var tar = WriteTar(LayerContent.Create("empty", [], 0));

        // Assert: two zero blocks and nothing else.
        CollectionAssert.AreEqual(new byte[1024], tar);
    }

    [TestMethod]
    public void Write_LargeFile_DecompressesToTheTarItsDiffIdNames()
    {
        // Arrange: more than the deflater's 64 KiB buffer, so the blob is written in many pieces.
        var content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).NextBytes(content.AsSpan(0, content.Length / 2)); // half random, half zeros: both deflate paths
        var layer = LayerContent.Create("large", [LayerEntry.File("data/large.bin", content)], SampleImage.Mtime);

        // Act
        var blob = WriteBlob(layer, out var written);

        // Assert
        var tar = Gunzip(blob);
        Assert.AreEqual(written.DiffId, Digest.Of(tar));
        Assert.AreEqual(written.Digest, Digest.Of(blob));
        Assert.AreEqual(blob.LongLength, written.Size);
        CollectionAssert.AreEqual(WriteTar(layer), tar);
    }

    [TestMethod]
    public void Write_SmallLayerAsZstd_HoldsTheGoldenTarWithPinnedDigest()
    {
        // Act
        using var output = new MemoryStream();
        var layer = LayerWriter.Write(SampleImage.SmallLayer(), LayerCompression.Zstd, output, "small-layer.tar.zst", CancellationToken.None);
        var blob = output.ToArray();
        using var zstd = new ZstdSharp.DecompressionStream(new MemoryStream(blob));
        using var tar = new MemoryStream();
        zstd.CopyTo(tar);

        // Assert
        CollectionAssert.AreEqual(GoldenFile.Read("small-layer.tar"), tar.ToArray());
        Assert.AreEqual(MediaTypes.LayerZstd, layer.MediaType);
        Assert.AreEqual(SmallLayerDiffId, layer.DiffId.ToString());
        Assert.AreEqual(blob.LongLength, layer.Size);
        Assert.AreEqual(SmallLayerZstdDigest, layer.Digest.ToString(), $"the blob is now {layer.Digest}");
    }
}
