using System.Buffers;
using ICSharpCode.SharpZipLib.Checksum;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace GoImage.Layers;

/// <summary>
/// One block of a <see cref="PinnedGzipStream"/>: raw deflate of the block alone (SharpZipLib's engine at
/// <see cref="PinnedGzipStream.Level"/>), primed with the previous block's last 32 KiB as pigz does, so matches still reach back across
/// the cut. A block that is not the last ends byte-aligned with an empty stored block (a sync flush) and
/// never sets BFINAL, so the blocks concatenate into one deflate stream. Its bytes depend only on the block,
/// the dictionary and whether it is the last: never on which thread runs it or when.
/// </summary>
internal sealed class DeflateBlock : CompressedBlock
{
    // Room for everything the engine's pending buffer can hold, so one drain empties it.
    private const int PendingCapacity = 1 << 16;

    private DeflateBlock(byte[] output, int length, uint crc, int inputLength)
        : base(output, length)
    {
        Crc = crc;
        InputLength = inputLength;
    }

    /// <summary>CRC-32 of the block's input alone; <see cref="GzipCrc.Combine"/> joins them.</summary>
    public uint Crc { get; }

    public int InputLength { get; }

    public static DeflateBlock Compress(byte[] input, int length, byte[]? dictionary, bool last)
    {
        var pending = new DeflaterPending();
        var engine = new DeflaterEngine(pending, noAdlerCalculation: true);
        engine.SetLevel(PinnedGzipStream.Level);
        if (dictionary is not null)
        {
            engine.SetDictionary(dictionary, 0, dictionary.Length);
        }

        engine.SetInput(input, 0, length);
        var output = ArrayPool<byte>.Shared.Rent(length / 2 + 2 * PendingCapacity);
        var written = 0;
        bool more;
        do
        {
            more = engine.Deflate(flush: true, finish: last);
            Drain(pending, ref output, ref written);
        }
        while (more);

        if (!last)
        {
            // An empty stored block: BFINAL 0, BTYPE 00, padding to the byte, LEN 0, NLEN 0xFFFF.
            pending.WriteBits(0, 3);
        }

        pending.AlignToByte();
        if (!last)
        {
            pending.WriteShort(0);
            pending.WriteShort(0xFFFF);
        }

        Drain(pending, ref output, ref written);

        var crc = new Crc32();
        crc.Update(new ArraySegment<byte>(input, 0, length));
        return new DeflateBlock(output, written, (uint)crc.Value, length);
    }

    private static void Drain(DeflaterPending pending, ref byte[] output, ref int written)
    {
        while (!pending.IsFlushed)
        {
            if (output.Length - written < PendingCapacity)
            {
                var larger = ArrayPool<byte>.Shared.Rent(2 * output.Length);
                output.AsSpan(0, written).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(output);
                output = larger;
            }

            written += pending.Flush(output, written, output.Length - written);
        }
    }
}
