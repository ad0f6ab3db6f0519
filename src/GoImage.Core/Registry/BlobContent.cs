using System.Net;

namespace GoImage.Registry;

/// <summary>
/// A request body streamed from a file (or any stream) in small buffers, so memory stays bounded
/// whatever the layer's size; each buffer sent counts as progress for the idle timeout.
/// </summary>
internal sealed class BlobContent(Func<Stream> open, long offset, long length, Action<long> sent) : HttpContent
{
    private const int BufferSize = 1 << 16;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var source = open();
        if (offset > 0)
        {
            source.Seek(offset, SeekOrigin.Begin);
        }

        var buffer = new byte[BufferSize];
        var remaining = length;
        while (remaining > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException($"The blob ended {remaining} bytes early while it was being sent.");
            }

            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            remaining -= read;
            sent(read);
        }
    }

    protected override bool TryComputeLength(out long length1)
    {
        length1 = length;
        return true;
    }
}
