using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

/// <summary>Inputs for the block compressors' tests: lengths around the block cuts, and data of every kind a layer holds.</summary>
internal static class CompressionSamples
{
    private const int Block = BlockCompressingStream.BlockSize;

    /// <summary>Lengths around the cuts: empty, inside one block, on a cut, just past it, several blocks.</summary>
    public static readonly int[] Lengths = [0, 1, Block - 1, Block, Block + 1, 2 * Block, 3 * Block + 12_345];

    /// <summary>Random, zero, and repeated text runs, so stored, fixed and dynamic blocks all occur.</summary>
    public static byte[] MixedData(int length, int seed = 7)
    {
        var data = new byte[length];
        var random = new Random(seed);
        var text = "func main() { fmt.Println(\"hello, world\") } // deflate finds this again\n"u8;
        for (var offset = 0; offset < length; offset += 64 * 1024)
        {
            var run = data.AsSpan(offset, Math.Min(64 * 1024, length - offset));
            switch (offset / (64 * 1024) % 3)
            {
                case 0:
                    random.NextBytes(run);
                    break;
                case 1:
                    for (var i = 0; i < run.Length; i++)
                    {
                        run[i] = text[(i + offset) % text.Length];
                    }

                    break;
            }
        }

        return data;
    }

    /// <summary>
    /// <paramref name="data"/> through the writer of <paramref name="compression"/> that layers use, with
    /// <paramref name="workers"/> workers, written in <paramref name="chunk"/>-byte pieces, then finished: the whole
    /// compressed stream.
    /// </summary>
    public static byte[] Compress(LayerCompression compression, byte[] data, int workers, int chunk = int.MaxValue)
    {
        using var output = new MemoryStream();
        using (var compressor = compression.Open(output, workers))
        {
            for (var offset = 0; offset < data.Length; offset += chunk)
            {
                compressor.Write(data, offset, Math.Min(chunk, data.Length - offset));
            }

            compressor.Finish();
        }

        return output.ToArray();
    }
}
