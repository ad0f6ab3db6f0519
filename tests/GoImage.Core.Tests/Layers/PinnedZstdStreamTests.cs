using GoImage.Core.Tests.Signing;
using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

/// <summary>
/// The parallel zstd: one frame per block with its content size and checksum, frames joined in input order, read
/// back exactly by the reference zstd, the bytes pinned (what both block compressors promise, 1 vs 8 workers among
/// it, is in <see cref="BlockCompressingStreamTests"/>).
/// </summary>
[TestClass]
public sealed class PinnedZstdStreamTests
{
    private const int Block = BlockCompressingStream.BlockSize;

    // sha256 of Compress(MixedData(3 * Block + 12_345)): pins the frames, their settings and ZstdSharp's output.
    // The bytes' meaning is checked by the reference zstd test above; this pins them.
    private const string PinnedDigest = "sha256:2da929104faec3421eb954f9b9b0379e25079dc3276f543f4db95cfb526e5da8";

    private static byte[] Compress(byte[] data, int workers) => CompressionSamples.Compress(LayerCompression.Zstd, data, workers);

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
