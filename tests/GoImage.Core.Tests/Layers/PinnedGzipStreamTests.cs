using System.Buffers.Binary;
using GoImage.Core.Tests.Signing;
using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

/// <summary>
/// The parallel gzip: blocks compressed apart and joined into one member, with the whole input's CRC-32 and size
/// in its trailer, which GNU gzip and Python's zlib read back exactly (what both block compressors promise, 1 vs 8
/// workers among it, is in <see cref="BlockCompressingStreamTests"/>).
/// </summary>
[TestClass]
public sealed class PinnedGzipStreamTests
{
    private const int Block = PinnedGzipStream.BlockSize;

    private static byte[] Compress(byte[] data, int workers) => CompressionSamples.Compress(LayerCompression.Gzip, data, workers);

    [TestMethod]
    public void Compress_SeveralBlocks_TrailerHoldsCrcAndLengthOfTheWholeInput()
    {
        // Arrange
        var data = CompressionSamples.MixedData(3 * Block + 5);

        // Act
        var blob = Compress(data, workers: 2);

        // Assert
        Assert.AreEqual(ReferenceCrc32.Compute(data), BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(blob.Length - 8)));
        Assert.AreEqual((uint)data.Length, BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(blob.Length - 4)));
    }

    [TestMethod]
    public void Compress_SeveralBlocks_IsReadByGnuGzipAndPythonAsOneMember()
    {
        // Arrange
        using var temp = new TempDirectory();
        var data = CompressionSamples.MixedData(3 * Block + 12_345);
        var input = temp.Combine("data.bin");
        var blobPath = temp.Combine("data.bin.gz");
        File.WriteAllBytes(input, data);
        File.WriteAllBytes(blobPath, Compress(data, workers: 2));

        // Act: GNU gzip's own inflater, and Python's zlib told to stop at the end of the first member.
        var (gzipCode, gzipOutput) = IndependentTools.Run("gzip", ["-t", "-v", blobPath]);
        var (pythonCode, pythonOutput) = IndependentTools.Run(IndependentTools.Python, ["-c", """
            import sys, zlib
            blob = open(sys.argv[1], 'rb').read()
            d = zlib.decompressobj(31)
            out = d.decompress(blob)
            assert d.eof and d.unused_data == b'', 'not one gzip member'
            assert out == open(sys.argv[2], 'rb').read(), 'content differs'
            print('ok', len(out))
            """, blobPath, input]);

        // Assert
        Assert.AreEqual(0, gzipCode, gzipOutput);
        Assert.AreEqual(0, pythonCode, pythonOutput);
        Assert.AreEqual($"ok {data.Length}", pythonOutput.Trim());
    }

    [TestMethod]
    public void Compress_RepeatAcrossTheCut_IsSmallerThanBlocksCompressedAlone()
    {
        // Arrange: random, then the second block repeats the first block's last 16 KiB (within deflate's
        // reach), so only the primed window finds the block's first 16 KiB.
        const int Period = 16 * 1024;
        var data = new byte[2 * Block];
        new Random(3).NextBytes(data.AsSpan(0, Block));
        for (var i = Block; i < data.Length; i++)
        {
            data[i] = data[Block - Period + ((i - Block) % Period)];
        }

        // Act
        var primed = Compress(data, workers: 2).Length;
        var second = DeflateBlock.Compress(data[Block..], Block, dictionary: null, last: true);
        var alone = Compress(data[..Block], workers: 1).Length + second.Length;
        second.Release();

        // Assert: alone, the first 16 KiB of the second block are random to the compressor and cost as much.
        Assert.IsTrue(primed < alone - (Period / 2), $"primed {primed} B, alone {alone} B");
    }
}
