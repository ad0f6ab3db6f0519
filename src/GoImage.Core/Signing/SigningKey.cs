using System.Security.Cryptography;
using GoImage.Diagnostics;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace GoImage.Signing;

/// <summary>
/// An ECDSA P-256 private key that signs deterministically (RFC 6979): the same key and bytes always give
/// the same signature, so signing an unchanged image twice gives identical signature manifests.
/// Read from PKCS#8 PEM (plain or encrypted), SEC 1 PEM, or cosign's encrypted key file.
/// </summary>
public sealed class SigningKey
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private static readonly ECDomainParameters P256 = ECDomainParameters.FromX9ECParameters(SecNamedCurves.GetByName("secp256r1"));

    private readonly ECPrivateKeyParameters _key;

    private SigningKey(ECPrivateKeyParameters key, VerificationKey publicKey)
    {
        _key = key;
        PublicKey = publicKey;
    }

    /// <summary>The public half, as <c>cosign.pub</c> holds it.</summary>
    public VerificationKey PublicKey { get; }

    /// <summary>
    /// Reads the key at <paramref name="path"/>; an encrypted one is opened with the password from
    /// <paramref name="environment"/> (<see cref="SigningPassword"/>). Every failure is a coded error that
    /// names the file and the variable, never the password.
    /// </summary>
    public static SigningKey Load(string path, Func<string, string?> environment)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new GoImageException(Diagnostic.SigningKeyUnreadable(path, e.Message));
        }

        return FromPem(text, path, environment);
    }

    /// <param name="source">Names the key in messages (its path).</param>
    public static SigningKey FromPem(string pem, string source, Func<string, string?> environment)
    {
        var labels = CosignKeyEnvelope.PemLabels.Concat(["ENCRYPTED PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"]);
        var found = labels.Select(label => (label, field: PemField(pem, label))).FirstOrDefault(f => f.field is not null);
        if (found.field is not { } der)
        {
            throw new GoImageException(Diagnostic.SigningKeyNotPem(source));
        }

        using var ecdsa = ECDsa.Create();
        switch (found.label)
        {
            case "PRIVATE KEY":
                ImportPlain(ecdsa, source, () => ecdsa.ImportPkcs8PrivateKey(der, out _));
                break;
            case "EC PRIVATE KEY":
                ImportPlain(ecdsa, source, () => ecdsa.ImportECPrivateKey(der, out _));
                break;
            case "ENCRYPTED PRIVATE KEY":
                ImportEncryptedPkcs8(ecdsa, der, source, environment);
                break;
            default:
                ImportCosign(ecdsa, der, source, environment);
                break;
        }

        var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
        try
        {
            if (parameters.Curve.Oid?.Value != P256Oid)
            {
                throw new GoImageException(Diagnostic.SigningKeyUnsupported(source, "ECDSA on " + (parameters.Curve.Oid?.FriendlyName ?? parameters.Curve.Oid?.Value ?? "an explicit curve")));
            }

            var key = new ECPrivateKeyParameters(new BigInteger(1, parameters.D), P256);
            return new SigningKey(key, VerificationKey.FromSubjectPublicKeyInfo(ecdsa.ExportSubjectPublicKeyInfo()));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>ECDSA P-256 over SHA-256 of <paramref name="data"/>, k from RFC 6979, ASN.1 DER as Go's crypto/ecdsa writes it.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var hash = SHA256.HashData(data);
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, _key);
        var rs = signer.GenerateSignature(hash);
        return StandardDsaEncoding.Instance.Encode(P256.N, rs[0], rs[1]);
    }

    private static void ImportPlain(ECDsa ecdsa, string source, Action import)
    {
        try
        {
            import();
        }
        catch (CryptographicException)
        {
            throw new GoImageException(Diagnostic.SigningKeyUnsupported(source, "not an ECDSA key, or a damaged one"));
        }
    }

    private static void ImportEncryptedPkcs8(ECDsa ecdsa, byte[] der, string source, Func<string, string?> environment)
    {
        var (password, variable) = RequirePassword(source, environment);
        try
        {
            ecdsa.ImportEncryptedPkcs8PrivateKey(password, der, out _);
        }
        catch (CryptographicException)
        {
            // A right password on an RSA or Ed25519 key is a wrong key type, not a wrong password.
            throw new GoImageException(IsOtherKeyType(der, password)
                ? Diagnostic.SigningKeyUnsupported(source, "not an ECDSA key")
                : Diagnostic.SigningKeyPasswordWrong(source, variable));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }

    private static void ImportCosign(ECDsa ecdsa, byte[] der, string source, Func<string, string?> environment)
    {
        var (password, variable) = RequirePassword(source, environment);
        byte[]? pkcs8;
        try
        {
            pkcs8 = CosignKeyEnvelope.Decrypt(der, password);
        }
        catch (FormatException e)
        {
            throw new GoImageException(Diagnostic.SigningKeyDamaged(source, e.Message));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }

        if (pkcs8 is null)
        {
            throw new GoImageException(Diagnostic.SigningKeyPasswordWrong(source, variable));
        }

        try
        {
            ImportPlain(ecdsa, source, () => ecdsa.ImportPkcs8PrivateKey(pkcs8, out _));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static (byte[] Password, string Variable) RequirePassword(string source, Func<string, string?> environment) =>
        SigningPassword.Read(environment) ?? throw new GoImageException(Diagnostic.SigningKeyPasswordMissing(source, SigningPassword.Variable, SigningPassword.CosignVariable));

    private static bool IsOtherKeyType(byte[] der, byte[] password)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportEncryptedPkcs8PrivateKey(password, der, out _);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // The base64 body of the first PEM block with this label, or null.
    private static byte[]? PemField(string pem, string label)
    {
        var begin = $"-----BEGIN {label}-----";
        var start = pem.IndexOf(begin, StringComparison.Ordinal);
        var end = pem.IndexOf($"-----END {label}-----", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(pem[(start + begin.Length)..end]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
