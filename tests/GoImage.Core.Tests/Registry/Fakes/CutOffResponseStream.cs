namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>
/// A response body that passes on its first bytes, then drops the connection: a download cut off mid-way
/// (a reset, a proxy's transfer limit) after the client has already received part of it.
/// </summary>
internal sealed class CutOffResponseStream(Stream inner, long limit, Action abort) : Stream
{
    // Long enough for the bytes already flushed to reach the client before the connection drops.
    private static readonly TimeSpan DeliveryGrace = TimeSpan.FromMilliseconds(200);

    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowed = (int)Math.Min(buffer.Length, limit - _written);
        if (allowed > 0)
        {
            await inner.WriteAsync(buffer[..allowed], cancellationToken).ConfigureAwait(false);
            _written += allowed;
        }

        if (allowed < buffer.Length)
        {
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(DeliveryGrace, cancellationToken).ConfigureAwait(false);
            abort();
            // An IOException, which the server records as a dropped connection (RequestAborted may not be signalled yet).
            throw new IOException("The fake registry cut the response off.");
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
