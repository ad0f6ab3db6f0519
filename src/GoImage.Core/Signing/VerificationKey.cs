using System.Security.Cryptography;
using GoImage.Diagnostics;

namespace GoImage.Signing;

/// <summary>An ECDSA P-256 public key (a <c>PUBLIC KEY</c> PEM, as <c>cosign.pub</c>) that checks signatures.</summary>
public sealed class VerificationKey
{
    private readonly byte[] _subjectPublicKeyInfo;

    private VerificationKey(byte[] subjectPublicKeyInfo) => _subjectPublicKeyInfo = subjectPublicKeyInfo;

    /// <summary>The key as a <c>PUBLIC KEY</c> PEM.</summary>
    public string Pem => PemEncoding.WriteString("PUBLIC KEY", _subjectPublicKeyInfo) + "\n";

    /// <summary>What a Sigstore bundle names the key by: base64 of the SHA-256 of its DER SubjectPublicKeyInfo.</summary>
    public string Hint => Convert.ToBase64String(SHA256.HashData(_subjectPublicKeyInfo));

    public static VerificationKey Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new GoImageException(Diagnostic.VerificationKeyUnreadable(path, e.Message));
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(text);
            if (ecdsa.ExportParameters(false).Curve.Oid?.Value != "1.2.840.10045.3.1.7")
            {
                throw new GoImageException(Diagnostic.VerificationKeyUnreadable(path, "it is not an ECDSA P-256 key"));
            }

            return new VerificationKey(ecdsa.ExportSubjectPublicKeyInfo());
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new GoImageException(Diagnostic.VerificationKeyUnreadable(path, "it is not an ECDSA public key PEM"));
        }
    }

    internal static VerificationKey FromSubjectPublicKeyInfo(byte[] der) => new(der);

    /// <summary>Whether <paramref name="signature"/> (ASN.1 DER) is this key's ECDSA signature over SHA-256 of <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        try
        {
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
