using System.Text;
using GoImage.Signing;

namespace GoImage.Core.Tests.Signing;

[TestClass]
public sealed class DsseEnvelopeTests
{
    [TestMethod]
    public void Pae_IsTheSpecsEncoding()
    {
        // Act: the DSSE protocol document's example
        var pae = DsseEnvelope.Pae("http://example.com/HelloWorld", "hello world"u8);

        // Assert
        Assert.AreEqual("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.UTF8.GetString(pae));
    }

    [TestMethod]
    public void Pae_CountsBytesNotCharacters()
    {
        // Act
        var pae = DsseEnvelope.Pae("t", "grüße"u8);

        // Assert
        Assert.AreEqual("DSSEv1 1 t 7 grüße", Encoding.UTF8.GetString(pae));
    }

    [TestMethod]
    public void Envelope_RoundTripsAndIsSignedOnlyByItsKey()
    {
        // Arrange
        using var temp = new TempDirectory();
        var key = SigningKey.FromPem(IndependentTools.NewKey(temp).PrivatePem, "k", _ => null);
        var other = SigningKey.FromPem(IndependentTools.NewKey(temp).PrivatePem, "k", _ => null);

        // Act
        var envelope = DsseEnvelope.Parse(DsseEnvelope.Sign(InTotoStatement.PayloadType, "{}"u8.ToArray(), key).ToJson());

        // Assert
        Assert.IsTrue(envelope.IsSignedBy(key.PublicKey));
        Assert.IsFalse(envelope.IsSignedBy(other.PublicKey));
        Assert.IsFalse((envelope with { Payload = "{ }"u8.ToArray() }).IsSignedBy(key.PublicKey));
    }
}
