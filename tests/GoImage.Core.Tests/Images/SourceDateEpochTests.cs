using GoImage.Images;

namespace GoImage.Core.Tests.Images;

[TestClass]
public sealed class SourceDateEpochTests
{
    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("  ")]
    public void TryParse_UnsetMeansZero(string? text)
    {
        // Act: unset must not mean "now", or images would change with the clock.
        var ok = SourceDateEpoch.TryParse(text, out var seconds);

        // Assert
        Assert.IsTrue(ok);
        Assert.AreEqual(0L, seconds);
    }

    [TestMethod]
    public void TryParse_ReadsSecondsAndFormatsAsUtc()
    {
        // Act
        var ok = SourceDateEpoch.TryParse("1700000000", out var seconds);

        // Assert
        Assert.IsTrue(ok);
        Assert.AreEqual(1700000000L, seconds);
        Assert.AreEqual("2023-11-14T22:13:20Z", Timestamps.Format(SourceDateEpoch.ToTime(seconds)));
    }

    [TestMethod]
    public void ToTime_ZeroIsTheUnixEpoch()
    {
        // Act
        var time = SourceDateEpoch.ToTime(0);

        // Assert
        Assert.AreEqual("1970-01-01T00:00:00Z", Timestamps.Format(time));
    }

    [TestMethod]
    public void TryParse_AcceptsTheLargestUstarTime()
    {
        // Act: 11 octal digits hold 2^33 - 1, the last second a tar header can carry.
        var largest = SourceDateEpoch.TryParse("8589934591", out var seconds);
        var tooLarge = SourceDateEpoch.TryParse("8589934592", out _);

        // Assert
        Assert.IsTrue(largest);
        Assert.AreEqual(8589934591L, seconds);
        Assert.IsFalse(tooLarge);
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow("-1")]
    [DataRow("1.5")]
    [DataRow("+5")]
    [DataRow("1e9")]
    [DataRow("99999999999999999999", DisplayName = "beyond long")]
    public void TryParse_RejectsWhatIsNotWholeSeconds(string text)
    {
        // Act
        var ok = SourceDateEpoch.TryParse(text, out _);

        // Assert
        Assert.IsFalse(ok);
    }
}
