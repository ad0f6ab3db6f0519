using System.IO.Compression;
using GoImage.Layers;
using ZstdSharp;

namespace GoImage.Core.Tests.Layers;

/// <summary>
/// What both block compressors promise: bytes that never depend on the number of workers or on how the input
/// arrives, and an independent decoder that reads back the input at every length around the cuts. Each format's
/// own promises (gzip's trailer and GNU gzip, zstd's frames and the reference zstd, pinned digests) are in
/// <see cref="PinnedGzipStreamTests"/> and <see cref="PinnedZstdStreamTests"/>.
/// </summary>
[TestClass]
public sealed class BlockCompressingStreamTests
{
    private const int Block = BlockCompressingStream.BlockSize;

    private static byte[] Compress(string format, byte[] data, int workers, int chunk = int.MaxValue) =>
        CompressionSamples.Compress(LayerCompression.Parse(format)!, data, workers, chunk);

    // Decoders that are not ours: .NET's zlib (it also checks gzip's CRC-32 and size) and ZstdSharp's decoder
    // (every frame's XXH64 checksum).
    private static byte[] Decompress(string format, byte[] blob)
    {
        using Stream decoder = format == "gzip"
            ? new GZipStream(new MemoryStream(blob), CompressionMode.Decompress)
            : new DecompressionStream(new MemoryStream(blob));
        using var result = new MemoryStream();
        decoder.CopyTo(result);
        return result.ToArray();
    }

    [TestMethod]
    [DataRow("gzip")]
    [DataRow("zstd")]
    public void Compress_WithOneOrEightWorkers_GivesIdenticalBytes(string format)
    {
        // Arrange
        var data = CompressionSamples.MixedData(5 * Block + 4321);

        // Act
        var one = Compress(format, data, workers: 1);
        var eight = Compress(format, data, workers: 8);

        // Assert
        CollectionAssert.AreEqual(one, eight);
    }

    [TestMethod]
    [DataRow("gzip")]
    [DataRow("zstd")]
    public void Compress_InputInOddPieces_GivesTheSameBytesAsInOneWrite(string format)
    {
        // Arrange
        var data = CompressionSamples.MixedData(2 * Block + 99);

        // Act
        var whole = Compress(format, data, workers: 2);
        var pieces = Compress(format, data, workers: 3, chunk: 7919);

        // Assert
        CollectionAssert.AreEqual(whole, pieces);
    }

    [TestMethod]
    [DataRow("gzip")]
    [DataRow("zstd")]
    public void Compress_AnyLengthAroundTheCuts_DecompressesToTheInput(string format)
    {
        foreach (var length in CompressionSamples.Lengths)
        {
            // Arrange
            var data = CompressionSamples.MixedData(length);

            // Act
            var blob = Compress(format, data, workers: 4);

            // Assert
            CollectionAssert.AreEqual(data, Decompress(format, blob), $"{length} bytes");
        }
    }
}
