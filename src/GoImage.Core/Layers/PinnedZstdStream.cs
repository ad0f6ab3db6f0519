using System.Buffers;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace GoImage.Layers;

/// <summary>
/// Zstandard whose every byte is fixed: one frame per <see cref="BlockCompressingStream.BlockSize"/> block,
/// each compressed on its own by ZstdSharp (a managed port of zstd 1.5) at level 3, zstd's default, with the
/// content size and an XXH64 checksum in each frame, as the <c>zstd</c> command writes them; frames
/// concatenated in input order, which every zstd reader takes as one stream. Frames share no history, so
/// they compress on all cores and their bytes never depend on the number of workers.
/// </summary>
internal sealed class PinnedZstdStream : BlockCompressingStream
{
    /// <summary>zstd's default level, the one containerd, podman and buildkit use for zstd layers.</summary>
    public const int Level = 3;

    /// <summary>Everything that decides the bytes, for cache keys: change it with any of them.</summary>
    public const string Format = "zstd-zstdsharp-0.8.8-3-checksum;frames-1048576";

    /// <param name="output">Where the zstd stream goes.</param>
    /// <param name="workers">Blocks compressed at once; 0 for one per processor. The bytes are the same for any value.</param>
    public PinnedZstdStream(Stream output, int workers = 0)
        : base(output, workers)
    {
    }

    protected override Func<CompressedBlock> Prepare(byte[] input, int length, bool last)
    {
        // A layer whose length is a whole number of blocks ends there: no empty frame after it.
        var skip = last && length == 0 && Length > 0;
        return () => skip ? new CompressedBlock(ArrayPool<byte>.Shared.Rent(0), 0) : Compress(input, length);
    }

    private static CompressedBlock Compress(byte[] input, int length)
    {
        using var compressor = new Compressor(Level);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        var output = ArrayPool<byte>.Shared.Rent(Compressor.GetCompressBound(length));
        var written = compressor.Wrap(input.AsSpan(0, length), output);
        return new CompressedBlock(output, written);
    }
}
