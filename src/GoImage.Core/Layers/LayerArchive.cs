using System.IO.Compression;
using ZstdSharp;

namespace GoImage.Layers;

/// <summary>A layer blob read as the tar inside it (gzip, zstd or plain), and the tar's entry names as layer paths.</summary>
internal static class LayerArchive
{
    private enum Compression
    {
        None,
        Gzip,
        Zstd,
    }

    /// <summary>The tar stream of a registry base's layer blob: gzip and zstd are told apart by their magic bytes, not by the media type a registry claims.</summary>
    public static Stream OpenTar(string blobPath)
    {
        var file = File.OpenRead(blobPath);
        var magic = new byte[4];
        var read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        file.Position = 0;
        var compression = read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b ? Compression.Gzip
            : read == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd ? Compression.Zstd
            : Compression.None;
        return Decompress(file, compression, leaveOpen: false);
    }

    /// <summary>The tar stream of a blob of <paramref name="mediaType"/>, which must be <see cref="CanRead"/>; <paramref name="blob"/> stays open.</summary>
    public static Stream OpenTar(Stream blob, string mediaType) => Decompress(blob, CompressionOf(mediaType) ?? throw new ArgumentException($"{mediaType} is not a tar layer.", nameof(mediaType)), leaveOpen: true);

    /// <summary>Whether <paramref name="mediaType"/> is a layer whose tar can be read: plain, gzip or zstd, OCI or Docker.</summary>
    public static bool CanRead(string mediaType) => CompressionOf(mediaType) is not null;

    /// <summary>An entry name as a path from the root without leading <c>./</c> or slashes: <c>./etc/passwd</c> → <c>etc/passwd</c>.</summary>
    public static string Normalize(string name)
    {
        var path = name.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return path.Trim('/');
    }

    private static Compression? CompressionOf(string mediaType) =>
        mediaType.EndsWith("+gzip", StringComparison.Ordinal) || mediaType.EndsWith(".gzip", StringComparison.Ordinal) ? Compression.Gzip
        : mediaType.EndsWith("+zstd", StringComparison.Ordinal) || mediaType.EndsWith(".zstd", StringComparison.Ordinal) ? Compression.Zstd
        : mediaType.EndsWith(".tar", StringComparison.Ordinal) ? Compression.None
        : null;

    private static Stream Decompress(Stream blob, Compression compression, bool leaveOpen) => compression switch
    {
        Compression.Gzip => new GZipStream(blob, CompressionMode.Decompress, leaveOpen),
        Compression.Zstd => new TarStream(new DecompressionStream(blob, leaveOpen: leaveOpen), ownsInner: true),
        _ => leaveOpen ? new TarStream(blob, ownsInner: false) : blob,
    };

    // One read-only stream over a tar: ZstdSharp's errors become InvalidDataException, as gzip's are, which every reader of
    // layers expects; a borrowed blob stays open when the tar is disposed.
    private sealed class TarStream(Stream inner, bool ownsInner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return inner.Read(buffer);
            }
            catch (ZstdException e)
            {
                throw new InvalidDataException($"the zstd stream is damaged ({e.Message})", e);
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && ownsInner)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
