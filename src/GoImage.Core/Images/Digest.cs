using System.Security.Cryptography;

namespace GoImage.Images;

/// <summary>A content digest, always sha256, spelled <c>sha256:&lt;64 lowercase hex&gt;</c>.</summary>
public readonly record struct Digest(string Hex)
{
    public static Digest Of(ReadOnlySpan<byte> content) => FromHash(SHA256.HashData(content));

    /// <summary>sha256 of a stream in chunks, honouring cancellation between them (a large file stops within one chunk).</summary>
    public static Digest Of(Stream content, CancellationToken cancellationToken = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[128 * 1024];
        int read;
        while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.AppendData(buffer, 0, read);
        }

        return FromHash(hash.GetCurrentHash());
    }

    /// <summary>Names a finished sha256 hash (e.g. from an incremental hash).</summary>
    internal static Digest FromHash(byte[] sha256) => new(Convert.ToHexString(sha256).ToLowerInvariant());

    public static Digest OfFile(string path, CancellationToken cancellationToken = default)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Of(stream, cancellationToken);
    }

    public static bool TryParse(string text, out Digest digest)
    {
        digest = default;
        const string Prefix = "sha256:";
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length != Prefix.Length + 64
            || !text.Skip(Prefix.Length).All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            return false;
        }

        digest = new Digest(text[Prefix.Length..]);
        return true;
    }

    public override string ToString() => "sha256:" + Hex;

    /// <summary>The first 12 hex digits, as docker and podman show digests in progress lines.</summary>
    public string ToShortString() => "sha256:" + Hex[..12];
}
