using System.Security.Cryptography;

namespace GoImage.Images;

/// <summary>sha256 of a stream in chunks, honouring cancellation between them (a large file stops within one chunk).</summary>
public static class Hashing
{
    public static Digest Of(Stream content, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[128 * 1024];
        int read;
        while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.AppendData(buffer, 0, read);
        }

        return Digest.FromHash(hash.GetCurrentHash());
    }

    public static Digest OfFile(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Of(stream, cancellationToken);
    }
}
