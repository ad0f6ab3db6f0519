using System.Text;
using GoImage.Diagnostics;
using GoImage.Signing;

namespace GoImage.Core.Tests.Signing;

[TestClass]
public sealed class SigningKeyTests
{
    // A password no message, log or exception may ever contain.
    private const string Sentinel = "sentinel-PASSWORD-5f3a9c";

    private static Func<string, string?> Environment(string? password, string variable = SigningPassword.Variable) =>
        name => name == variable ? password : null;

    [TestMethod]
    public void PlainPkcs8Key_SignaturesVerifyWithOpenSsl()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (privatePem, publicPem) = IndependentTools.NewKey(temp);
        var key = SigningKey.FromPem(privatePem, "k.pem", Environment(null));
        var data = "some payload"u8.ToArray();

        // Act
        var signature = key.Sign(data);

        // Assert
        Assert.IsTrue(IndependentTools.OpenSslVerifies(temp, publicPem, data, signature));
        Assert.IsFalse(IndependentTools.OpenSslVerifies(temp, publicPem, "some payloaD"u8.ToArray(), signature), "openssl accepted the signature for other bytes");
    }

    [TestMethod]
    public void PublicKey_IsTheOneOpenSslDerives()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (privatePem, publicPem) = IndependentTools.NewKey(temp);

        // Act
        var key = SigningKey.FromPem(privatePem, "k.pem", Environment(null));

        // Assert
        Assert.AreEqual(publicPem.Trim(), key.PublicKey.Pem.Trim());
    }

    [TestMethod]
    public void Sign_IsDeterministic_SameBytesSameSignature()
    {
        // Arrange
        using var temp = new TempDirectory();
        var key = SigningKey.FromPem(IndependentTools.NewKey(temp).PrivatePem, "k.pem", Environment(null));

        // Act
        var first = key.Sign("payload"u8);
        var second = key.Sign("payload"u8);
        var other = key.Sign("payload2"u8);

        // Assert
        CollectionAssert.AreEqual(first, second);
        CollectionAssert.AreNotEqual(first, other);
    }

    [TestMethod]
    public void CosignKeyMadeByPyNaCl_SignsWithThePasswordFromTheEnvironment()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (privatePem, publicPem) = IndependentTools.NewKey(temp);
        var cosignKey = IndependentTools.CosignKey(privatePem, Sentinel);
        StringAssert.Contains(cosignKey, "ENCRYPTED SIGSTORE PRIVATE KEY");

        // Act
        var key = SigningKey.FromPem(cosignKey, "cosign.key", Environment(Sentinel, SigningPassword.CosignVariable));
        var signature = key.Sign("payload"u8);

        // Assert
        Assert.IsTrue(IndependentTools.OpenSslVerifies(temp, publicPem, "payload"u8.ToArray(), signature));
    }

    [TestMethod]
    public void CosignKey_WrongPassword_IsGoi6004WithoutThePassword()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cosignKey = IndependentTools.CosignKey(IndependentTools.NewKey(temp).PrivatePem, "the right one");

        // Act
        var error = Assert.ThrowsExactly<GoImageException>(() => SigningKey.FromPem(cosignKey, "cosign.key", Environment(Sentinel)));

        // Assert
        Assert.AreEqual("GOI6004", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, SigningPassword.Variable);
        AssertNoSentinel(error);
    }

    [TestMethod]
    public void EncryptedPkcs8Key_MadeByOpenSsl_Signs()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (privatePem, publicPem) = IndependentTools.NewKey(temp);
        var plain = temp.Write("plain.pem", privatePem);
        var encrypted = temp.Combine("encrypted.pem");
        IndependentTools.OpenSsl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain, "-out", encrypted, "-passout", "pass:" + Sentinel);

        // Act
        var key = SigningKey.Load(encrypted, Environment(Sentinel));

        // Assert
        StringAssert.Contains(File.ReadAllText(encrypted), "ENCRYPTED PRIVATE KEY");
        Assert.IsTrue(IndependentTools.OpenSslVerifies(temp, publicPem, "x"u8.ToArray(), key.Sign("x"u8)));
    }

    [TestMethod]
    public void EncryptedPkcs8Key_WrongPassword_IsGoi6004WithoutThePassword()
    {
        // Arrange
        using var temp = new TempDirectory();
        var plain = temp.Write("plain.pem", IndependentTools.NewKey(temp).PrivatePem);
        var encrypted = temp.Combine("encrypted.pem");
        IndependentTools.OpenSsl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain, "-out", encrypted, "-passout", "pass:right");

        // Act
        var error = Assert.ThrowsExactly<GoImageException>(() => SigningKey.Load(encrypted, Environment(Sentinel)));

        // Assert
        Assert.AreEqual("GOI6004", error.Diagnostic.Code);
        AssertNoSentinel(error);
    }

    [TestMethod]
    public void EncryptedKey_WithoutPassword_IsGoi6003NamingBothVariables()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cosignKey = IndependentTools.CosignKey(IndependentTools.NewKey(temp).PrivatePem, "pw");

        // Act
        var error = Assert.ThrowsExactly<GoImageException>(() => SigningKey.FromPem(cosignKey, "cosign.key", Environment(null)));

        // Assert
        Assert.AreEqual("GOI6003", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "GOIMAGE_SIGNING_KEY_PASSWORD");
        StringAssert.Contains(error.Diagnostic.Message, "COSIGN_PASSWORD");
    }

    [TestMethod]
    public void GoimageVariable_WinsOverCosignPassword()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cosignKey = IndependentTools.CosignKey(IndependentTools.NewKey(temp).PrivatePem, "goimage");
        var environment = new Dictionary<string, string?> { [SigningPassword.Variable] = "goimage", [SigningPassword.CosignVariable] = "cosign" };

        // Act
        var key = SigningKey.FromPem(cosignKey, "cosign.key", name => environment.GetValueOrDefault(name));

        // Assert
        Assert.IsNotNull(key);
    }

    [TestMethod]
    public void P384Key_IsGoi6005()
    {
        // Arrange
        using var temp = new TempDirectory();
        var (privatePem, _) = IndependentTools.NewKey(temp, "P-384");

        // Act
        var error = Assert.ThrowsExactly<GoImageException>(() => SigningKey.FromPem(privatePem, "k.pem", Environment(null)));

        // Assert
        Assert.AreEqual("GOI6005", error.Diagnostic.Code);
    }

    [TestMethod]
    public void RsaKey_IsGoi6005()
    {
        // Arrange
        using var temp = new TempDirectory();
        var path = temp.Combine("rsa.pem");
        IndependentTools.OpenSsl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", path);

        // Act
        var error = Assert.ThrowsExactly<GoImageException>(() => SigningKey.Load(path, Environment(null)));

        // Assert
        Assert.AreEqual("GOI6005", error.Diagnostic.Code);
    }

    [TestMethod]
    public void MissingFile_IsGoi6001AndNotAPem_IsGoi6002()
    {
        // Arrange
        using var temp = new TempDirectory();
        var notPem = temp.Write("note.txt", "hello");

        // Act
        var missing = Assert.ThrowsExactly<GoImageException>(() => SigningKey.Load(temp.Combine("absent.key"), Environment(null)));
        var text = Assert.ThrowsExactly<GoImageException>(() => SigningKey.Load(notPem, Environment(null)));

        // Assert
        Assert.AreEqual("GOI6001", missing.Diagnostic.Code);
        Assert.AreEqual("GOI6002", text.Diagnostic.Code);
    }

    private static void AssertNoSentinel(Exception error)
    {
        var everything = new StringBuilder();
        for (var e = error; e is not null; e = e.InnerException)
        {
            everything.Append(e).Append(e.Message);
        }

        Assert.IsFalse(everything.ToString().Contains(Sentinel, StringComparison.Ordinal), "the password reached the exception: " + everything);
    }
}
