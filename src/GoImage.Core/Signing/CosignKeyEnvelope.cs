using System.Security.Cryptography;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace GoImage.Signing;

/// <summary>
/// cosign's encrypted private key (PEM type <c>ENCRYPTED SIGSTORE PRIVATE KEY</c>, formerly
/// <c>ENCRYPTED COSIGN PRIVATE KEY</c>): JSON naming a scrypt KDF (N, r, p, salt) and a nacl/secretbox
/// cipher (nonce) around the PKCS#8 DER key, as go-securesystemslib's <c>encrypted</c> package writes it.
/// </summary>
public static class CosignKeyEnvelope
{
    public static readonly string[] PemLabels = ["ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY"];

    private const int KeySize = 32;
    private const int NonceSize = 24;
    private const int TagSize = 16;

    /// <summary>The PKCS#8 DER key inside; null when the password does not open the box.</summary>
    /// <exception cref="FormatException">The envelope is not one this code can read (the message names what, never the password).</exception>
    public static byte[]? Decrypt(byte[] envelopeJson, byte[] password)
    {
        byte[] salt, nonce, box;
        int n, r, p;
        try
        {
            using var document = JsonDocument.Parse(envelopeJson);
            var root = document.RootElement;
            var kdf = root.GetProperty("kdf");
            var cipher = root.GetProperty("cipher");
            if (kdf.GetProperty("name").GetString() != "scrypt" || cipher.GetProperty("name").GetString() != "nacl/secretbox")
            {
                throw new FormatException($"it uses {kdf.GetProperty("name").GetString()} and {cipher.GetProperty("name").GetString()}, not scrypt and nacl/secretbox");
            }

            var parameters = kdf.GetProperty("params");
            n = parameters.GetProperty("N").GetInt32();
            r = parameters.GetProperty("r").GetInt32();
            p = parameters.GetProperty("p").GetInt32();
            salt = kdf.GetProperty("salt").GetBytesFromBase64();
            nonce = cipher.GetProperty("nonce").GetBytesFromBase64();
            box = root.GetProperty("ciphertext").GetBytesFromBase64();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("its JSON is not a cosign key envelope");
        }

        // Bounds keep a hostile file from asking for gigabytes of scrypt memory (cosign uses N = 32768 or 65536).
        if (n < 2 || (n & (n - 1)) != 0 || n > 1 << 20 || r is < 1 or > 32 || p is < 1 or > 16)
        {
            throw new FormatException($"its scrypt parameters N={n}, r={r}, p={p} are out of range");
        }

        if (nonce.Length != NonceSize || box.Length < TagSize)
        {
            throw new FormatException("its secretbox nonce or ciphertext has the wrong length");
        }

        var key = Org.BouncyCastle.Crypto.Generators.SCrypt.Generate(password, salt, n, r, p, KeySize);
        try
        {
            return OpenSecretBox(box, nonce, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    // NaCl secretbox: XSalsa20's first 32 keystream bytes key Poly1305 over the ciphertext; the rest encrypts.
    private static byte[]? OpenSecretBox(byte[] box, byte[] nonce, byte[] key)
    {
        var tag = box.AsSpan(0, TagSize);
        var ciphertext = box.AsSpan(TagSize);
        var stream = new byte[KeySize + ciphertext.Length];
        ciphertext.CopyTo(stream.AsSpan(KeySize));
        var salsa = new XSalsa20Engine();
        salsa.Init(false, new ParametersWithIV(new KeyParameter(key), nonce));
        salsa.ProcessBytes(stream, 0, stream.Length, stream, 0);

        var poly = new Poly1305();
        poly.Init(new KeyParameter(stream, 0, KeySize));
        poly.BlockUpdate(box, TagSize, ciphertext.Length);
        var expected = new byte[TagSize];
        poly.DoFinal(expected, 0);
        var plaintext = stream.AsSpan(KeySize).ToArray();
        CryptographicOperations.ZeroMemory(stream);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return null;
        }

        return plaintext;
    }
}
