using System.Buffers.Binary;

namespace GoImage.Layers;

/// <summary>
/// Gzip whose every byte is fixed: a header with MTIME 0, no name, XFL 0 and OS 255 (unknown), then one
/// deflate stream made of <see cref="BlockCompressingStream.BlockSize"/> blocks, each compressed on its own by
/// SharpZipLib's managed engine at level 5 (<see cref="DeflateBlock"/>), joined in input order, and the CRC-32
/// and size of the whole input. .NET's GZipStream calls the platform's zlib, whose output differs between
/// zlib builds, so it can never be the source of a digest.
/// </summary>
internal sealed class PinnedGzipStream : BlockCompressingStream
{
    /// <summary>
    /// SharpZipLib's level 5: on Go binaries 0.6× the time of its level 6 for 0.9 % more bytes, still within
    /// 1 % of <c>gzip -6</c> (bench/compression.sh).
    /// </summary>
    public const int Level = 5;

    /// <summary>How much of the previous block primes the next: deflate's whole window.</summary>
    public const int DictionarySize = 32 * 1024;

    /// <summary>Everything that decides the bytes, for cache keys: change it with any of them.</summary>
    public const string Format = "gzip-sharpziplib-1.4.2-5;blocks-1048576-primed-32768";

    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

    private byte[]? _dictionary;
    private uint _crc;

    /// <param name="output">Where the gzip goes.</param>
    /// <param name="workers">Blocks compressed at once; 0 for one per processor. The bytes are the same for any value.</param>
    public PinnedGzipStream(Stream output, int workers = 0)
        : base(output, workers)
    {
        Output.Write(Header);
    }

    protected override Func<CompressedBlock> Prepare(byte[] input, int length, bool last)
    {
        var dictionary = _dictionary;
        if (!last)
        {
            _dictionary = input.AsSpan(length - DictionarySize, DictionarySize).ToArray();
        }

        return () => DeflateBlock.Compress(input, length, dictionary, last);
    }

    protected override void Append(CompressedBlock block)
    {
        base.Append(block);
        var deflated = (DeflateBlock)block;
        _crc = GzipCrc.Combine(_crc, deflated.Crc, deflated.InputLength);
    }

    /// <summary>CRC-32 and size of the whole input, little-endian.</summary>
    protected override void WriteTrailer()
    {
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)Length));
        Output.Write(trailer);
    }
}
