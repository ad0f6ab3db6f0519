using ICSharpCode.SharpZipLib.Checksum;
using ICSharpCode.SharpZipLib.Zip.Compression;
using ICSharpCode.SharpZipLib.Zip.Compression.Streams;

namespace GoImage.Layers;

/// <summary>
/// Gzip whose every byte is fixed: a header with MTIME 0, no name, XFL 0 and OS 255 (unknown), and
/// SharpZipLib's managed deflate at level 6. .NET's GZipStream calls the platform's zlib, whose
/// output differs between zlib builds, so it can never be the source of a digest.
/// </summary>
internal sealed class PinnedGzipStream : Stream
{
    public const int Level = 6;

    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

    private readonly Stream _output;
    private readonly DeflaterOutputStream _deflate;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _finished;

    public PinnedGzipStream(Stream output)
    {
        _output = output;
        _output.Write(Header);
        _deflate = new DeflaterOutputStream(output, new Deflater(Level, noZlibHeaderOrFooter: true), 64 * 1024)
        {
            IsStreamOwner = false,
        };
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _crc.Update(new ArraySegment<byte>(buffer, offset, count));
        _deflate.Write(buffer, offset, count);
        _length += count;
    }

    public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

    /// <summary>Ends the deflate stream and writes the trailer (CRC-32 and size, little-endian).</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _deflate.Finish();
        Span<byte> trailer = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer, (uint)_crc.Value);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)_length));
        _output.Write(trailer);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _deflate.Dispose();
        }

        base.Dispose(disposing);
    }
}
