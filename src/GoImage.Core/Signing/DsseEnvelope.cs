using System.Globalization;
using System.Text;
using System.Text.Json;
using GoImage.Images;

namespace GoImage.Signing;

/// <summary>
/// A Dead Simple Signing Envelope: a payload, its type, and signatures over PAE(type, payload) — never over
/// the payload alone, so a signature cannot be replayed on the same bytes read as another type.
/// </summary>
public sealed record DsseEnvelope(string PayloadType, byte[] Payload, IReadOnlyList<DsseSignature> Signatures)
{
    public const string MediaType = "application/vnd.dsse.envelope.v1+json";

    /// <summary>The pre-authentication encoding: <c>"DSSEv1" SP len(type) SP type SP len(body) SP body</c>, lengths in bytes, ASCII decimal.</summary>
    public static byte[] Pae(string payloadType, ReadOnlySpan<byte> payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));
        return [.. header, .. type, .. middle, .. payload];
    }

    /// <summary>An envelope over <paramref name="payload"/> signed by <paramref name="key"/>.</summary>
    public static DsseEnvelope Sign(string payloadType, byte[] payload, SigningKey key) =>
        new(payloadType, payload, [new DsseSignature("", key.Sign(Pae(payloadType, payload)))]);

    /// <summary>Whether some signature is <paramref name="key"/>'s over this envelope's PAE bytes.</summary>
    public bool IsSignedBy(VerificationKey key)
    {
        var pae = Pae(PayloadType, Payload);
        return Signatures.Any(s => key.Verify(pae, s.Signature));
    }

    /// <summary>The envelope as cosign and in-toto write it: payloadType, payload, signatures (keyid, sig), base64 standard.</summary>
    public byte[] ToJson() => Write(new CanonicalJsonWriter()).ToBytes();

    internal CanonicalJsonWriter Write(CanonicalJsonWriter json)
    {
        json.StartObject()
            .Property("payloadType", PayloadType)
            .Property("payload", Convert.ToBase64String(Payload))
            .Name("signatures").StartArray();
        foreach (var signature in Signatures)
        {
            json.StartObject().Property("keyid", signature.KeyId).Property("sig", Convert.ToBase64String(signature.Signature)).EndObject();
        }

        return json.EndArray().EndObject();
    }

    /// <exception cref="FormatException">Not a DSSE envelope.</exception>
    public static DsseEnvelope Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return FromElement(document.RootElement);
        }
        catch (JsonException)
        {
            throw new FormatException("not JSON");
        }
    }

    internal static DsseEnvelope FromElement(JsonElement root)
    {
        try
        {
            var signatures = root.GetProperty("signatures").EnumerateArray()
                .Select(s => new DsseSignature(s.TryGetProperty("keyid", out var id) ? id.GetString() ?? "" : "", s.GetProperty("sig").GetBytesFromBase64()))
                .ToList();
            return new DsseEnvelope(root.GetProperty("payloadType").GetString() ?? "", root.GetProperty("payload").GetBytesFromBase64(), signatures);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException("not a DSSE envelope (payloadType, payload, signatures)");
        }
    }
}
