using System.Text.Json;
using GoImage.Images;

namespace GoImage.Signing;

/// <summary>
/// A Sigstore bundle v0.3 (protobuf-specs JSON) around one DSSE envelope, for a key-based signature: the
/// verification material is the public key's hint, with no certificate, transparency-log entry or timestamp —
/// what <c>cosign verify --key … --insecure-ignore-tlog</c> and sigstore-js with zero thresholds accept.
/// </summary>
public static class SigstoreBundle
{
    public const string MediaType = "application/vnd.dev.sigstore.bundle.v0.3+json";

    public static byte[] Write(DsseEnvelope envelope, VerificationKey key)
    {
        var json = new CanonicalJsonWriter().StartObject()
            .Property("mediaType", MediaType)
            .Name("verificationMaterial").StartObject()
                .Name("publicKey").StartObject().Property("hint", key.Hint).EndObject()
                .Name("tlogEntries").StartArray().EndArray()
            .EndObject()
            .Name("dsseEnvelope").StartObject()
                .Property("payload", Convert.ToBase64String(envelope.Payload))
                .Property("payloadType", envelope.PayloadType)
                .Name("signatures").StartArray();
        foreach (var signature in envelope.Signatures)
        {
            json.StartObject().Property("sig", Convert.ToBase64String(signature.Signature)).Property("keyid", signature.KeyId).EndObject();
        }

        return json.EndArray().EndObject().EndObject().ToBytes();
    }

    /// <summary>The public-key hint a bundle names its key by, or null when it has none (a certificate, or another shape).</summary>
    /// <exception cref="FormatException">Not JSON.</exception>
    public static string? ReadKeyHint(byte[] bundle)
    {
        try
        {
            using var document = JsonDocument.Parse(bundle);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("verificationMaterial", out var material) && material.ValueKind == JsonValueKind.Object
                && material.TryGetProperty("publicKey", out var key) && key.ValueKind == JsonValueKind.Object
                && key.TryGetProperty("hint", out var hint) && hint.ValueKind == JsonValueKind.String
                ? hint.GetString()
                : null;
        }
        catch (JsonException)
        {
            throw new FormatException("not a Sigstore bundle with a DSSE envelope");
        }
    }

    /// <summary>The DSSE envelope a bundle carries.</summary>
    /// <exception cref="FormatException">Not a v0.3 DSSE bundle.</exception>
    public static DsseEnvelope ReadEnvelope(byte[] bundle)
    {
        try
        {
            using var document = JsonDocument.Parse(bundle);
            var root = document.RootElement;
            if (root.GetProperty("mediaType").GetString() != MediaType)
            {
                throw new FormatException($"its mediaType is not {MediaType}");
            }

            return DsseEnvelope.FromElement(root.GetProperty("dsseEnvelope"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("not a Sigstore bundle with a DSSE envelope");
        }
    }
}
