using System.Security.Cryptography;
using GoImage.Images;

namespace GoImage.Layouts;

/// <summary>
/// A read-only stream over a blob that hashes what passes and, when the end is reached, throws unless the bytes
/// were the ones <c>expected</c> names: a caller that read to the end never acts on altered content. A reader that
/// seeks (a chunked upload resuming at an offset) sees only part of the bytes, so the check is off for it; a registry
/// checks an upload's digest itself.
/// </summary>
internal sealed class VerifyingStream(Stream inner, Digest expected, Func<Exception> mismatch) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _checking = true;

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Observe(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Observe(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Observe(ReadOnlySpan<byte> bytes)
    {
        if (!_checking)
        {
            return;
        }

        if (bytes.Length > 0)
        {
            _hash.AppendData(bytes);
        }
        else
        {
            _checking = false;
            if (Digest.FromHash(_hash.GetCurrentHash()) != expected)
            {
                throw mismatch();
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        _checking = false;
        return inner.Seek(offset, origin);
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
