using System.Security.Cryptography;

namespace GoImage.Images;

/// <summary>A content digest, always sha256, spelled <c>sha256:&lt;64 lowercase hex&gt;</c>.</summary>
public readonly record struct Digest(string Hex)
{
    public static Digest Of(ReadOnlySpan<byte> content) => FromHash(SHA256.HashData(content));

    public static Digest Of(Stream content) => FromHash(SHA256.HashData(content));

    /// <summary>Names a finished sha256 hash (e.g. from an incremental hash).</summary>
    internal static Digest FromHash(byte[] sha256) => new(Convert.ToHexString(sha256).ToLowerInvariant());

    public static Digest OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Of(stream);
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
