using GoImage.Images;

namespace GoImage.Core.Tests.Images;

[TestClass]
public sealed class DigestTests
{
    [TestMethod]
    public void Of_GivesLowercaseSha256WithPrefix()
    {
        // Act: the sha256 of "" is well known.
        var digest = Digest.Of([]);

        // Assert
        Assert.AreEqual("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", digest.ToString());
    }

    [TestMethod]
    public void TryParse_ReadsWhatToStringWrote()
    {
        // Arrange
        var digest = Digest.Of("x"u8);

        // Act
        var ok = Digest.TryParse(digest.ToString(), out var parsed);

        // Assert
        Assert.IsTrue(ok);
        Assert.AreEqual(digest, parsed);
    }

    [TestMethod]
    [DataRow("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", DisplayName = "uppercase")]
    [DataRow("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85", DisplayName = "63 digits")]
    [DataRow("sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DisplayName = "other algorithm")]
    [DataRow("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DisplayName = "no prefix")]
    [DataRow("sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DisplayName = "not hex")]
    public void TryParse_RejectsWhatIsNotCanonical(string text)
    {
        // Act
        var ok = Digest.TryParse(text, out _);

        // Assert
        Assert.IsFalse(ok);
    }
}
