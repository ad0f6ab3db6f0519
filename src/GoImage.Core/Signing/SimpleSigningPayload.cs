using System.Text.Json;
using GoImage.Images;

namespace GoImage.Signing;

/// <summary>
/// The "simple signing" payload cosign signs for an image (the exact bytes the signature is over):
/// which repository, which manifest digest, and the signature type.
/// </summary>
public static class SimpleSigningPayload
{
    public const string MediaType = "application/vnd.dev.cosign.simplesigning.v1+json";

    public const string SignatureType = "cosign container image signature";

    /// <param name="dockerReference">The repository with its registry (<c>registry/repo</c>), without tag or digest.</param>
    public static byte[] Create(string dockerReference, Digest manifest) =>
        new CanonicalJsonWriter().StartObject()
            .Name("critical").StartObject()
                .Name("identity").StartObject().Property("docker-reference", dockerReference).EndObject()
                .Name("image").StartObject().Property("docker-manifest-digest", manifest.ToString()).EndObject()
                .Property("type", SignatureType)
            .EndObject()
            .Name("optional").Null()
            .EndObject().ToBytes();

    /// <summary>The manifest digest a payload names; null when it is not a cosign signature payload.</summary>
    public static Digest? SignedDigest(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var critical = document.RootElement.GetProperty("critical");
            if (critical.GetProperty("type").GetString() != SignatureType)
            {
                return null;
            }

            return Digest.TryParse(critical.GetProperty("image").GetProperty("docker-manifest-digest").GetString() ?? "", out var digest) ? digest : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
