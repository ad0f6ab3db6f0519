using GoImage.Core.Tests.Signing;
using GoImage.Images;
using GoImage.Layers;
using ZstdSharp;

namespace GoImage.Core.Tests.Layers;

/// <summary>
/// The parallel zstd: one frame per block, frames joined in input order, bytes that never depend on the number
/// of workers or on how the input arrives, read back exactly by ZstdSharp's decoder and by the reference zstd.
/// </summary>
[TestClass]
public sealed class PinnedZstdStreamTests
{
    private const int Block = BlockCompressingStream.BlockSize;

    // sha256 of Compress(MixedData(3 * Block + 12_345)): pins the frames, their settings and ZstdSharp's output.
    // The bytes' meaning is checked by the reference zstd test above; this pins them.
    private const string PinnedDigest = "sha256:2da929104faec3421eb954f9b9b0379e25079dc3276f543f4db95cfb526e5da8";

    private static byte[] Compress(byte[] data, int workers, int chunk = int.MaxValue) =>
        CompressionSamples.Compress((output, count) => new PinnedZstdStream(output, count), data, workers, chunk);

    private static byte[] Decompress(byte[] blob)
    {
        using var zstd = new DecompressionStream(new MemoryStream(blob));
        using var result = new MemoryStream();
        zstd.CopyTo(result);
        return result.ToArray();
    }

    [TestMethod]
    public void Compress_WithOneOrEightWorkers_GivesIdenticalBytes()
    {
        // Arrange
        var data = CompressionSamples.MixedData(5 * Block + 4321);

        // Act
        var one = Compress(data, workers: 1);
        var eight = Compress(data, workers: 8);

        // Assert
        CollectionAssert.AreEqual(one, eight);
    }

    [TestMethod]
    public void Compress_InputInOddPieces_GivesTheSameBytesAsInOneWrite()
    {
        // Arrange
        var data = CompressionSamples.MixedData(2 * Block + 99);

        // Act
        var whole = Compress(data, workers: 2);
        var pieces = Compress(data, workers: 3, chunk: 7919);

        // Assert
        CollectionAssert.AreEqual(whole, pieces);
    }

    [TestMethod]
    public void Compress_AnyLengthAroundTheCuts_DecompressesToTheInput()
    {
        foreach (var length in CompressionSamples.Lengths)
        {
            // Arrange
            var data = CompressionSamples.MixedData(length);

            // Act
            var blob = Compress(data, workers: 4);

            // Assert
            CollectionAssert.AreEqual(data, Decompress(blob), $"length {length}");
        }
    }

    [TestMethod]
    public void Compress_SeveralBlocks_IsReadByTheReferenceZstdAsOneFramePerBlockWithChecksums()
    {
        // Arrange: lengths past a cut and on one (no empty frame after the last full block).
        using var temp = new TempDirectory();
        foreach (var (length, frames) in new[] { (3 * Block + 12_345, 4), (2 * Block, 2) })
        {
            var data = CompressionSamples.MixedData(length);
            var blobPath = temp.Combine($"{length}.zst");
            var outputPath = temp.Combine($"{length}.out");
            File.WriteAllBytes(blobPath, Compress(data, workers: 2));

            // Act: zstd's own decoder checks every frame's checksum.
            var (testCode, testOutput) = IndependentTools.Run("zstd", ["-t", "-q", blobPath]);
            var (decodeCode, decodeOutput) = IndependentTools.Run("zstd", ["-d", "-q", "-f", blobPath, "-o", outputPath]);
            var (listCode, listOutput) = IndependentTools.Run("zstd", ["-l", "-v", blobPath]);

            // Assert
            Assert.AreEqual(0, testCode, testOutput);
            Assert.AreEqual(0, decodeCode, decodeOutput);
            CollectionAssert.AreEqual(data, File.ReadAllBytes(outputPath), $"length {length}");
            Assert.AreEqual(0, listCode, listOutput);
            StringAssert.Contains(listOutput, $"# Zstandard Frames: {frames}\n", listOutput);
            StringAssert.Contains(listOutput, $"({length} B)", listOutput);
            StringAssert.Contains(listOutput, "Check: XXH64", listOutput);
        }
    }

    [TestMethod]
    public void Compress_SeveralBlocks_GivesPinnedBytes()
    {
        // Act
        var digest = Digest.Of(Compress(CompressionSamples.MixedData(3 * Block + 12_345), workers: 2)).ToString();

        // Assert
        Assert.AreEqual(PinnedDigest, digest, $"the bytes are now {digest}");
    }
}
