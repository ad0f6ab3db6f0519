using GoImage.Images;

namespace GoImage.Core.Tests.Images;

[TestClass]
public sealed class GoDurationTests
{
    [TestMethod]
    [DataRow("30s", 30_000L)]
    [DataRow("1m30s", 90_000L)]
    [DataRow("500ms", 500L)]
    [DataRow("1h", 3_600_000L)]
    [DataRow("1.5h", 5_400_000L)]
    [DataRow("2h45m10s", 9_910_000L)]
    [DataRow(" 10s ", 10_000L, DisplayName = "surrounding spaces")]
    public void TryParse_ReadsGoDuration(string text, long milliseconds)
    {
        // Act
        var ok = GoDuration.TryParse(text, out var duration);

        // Assert
        Assert.IsTrue(ok, $"'{text}' was rejected");
        Assert.AreEqual(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [TestMethod]
    [DataRow("250us", 2_500L)]
    [DataRow("250µs", 2_500L)]
    [DataRow("1500ns", 15L)]
    public void TryParse_ReadsSubMillisecondUnits(string text, long ticks)
    {
        // Act
        var ok = GoDuration.TryParse(text, out var duration);

        // Assert
        Assert.IsTrue(ok);
        Assert.AreEqual(TimeSpan.FromTicks(ticks), duration);
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("   ", DisplayName = "blank")]
    [DataRow("abc", DisplayName = "word")]
    [DataRow("30", DisplayName = "no unit")]
    [DataRow("-5s", DisplayName = "negative")]
    [DataRow("1d", DisplayName = "days")]
    [DataRow("s", DisplayName = "unit only")]
    [DataRow("1m 30s", DisplayName = "space inside")]
    [DataRow("1,5s", DisplayName = "comma")]
    public void TryParse_RejectsBadDuration(string text)
    {
        // Act
        var ok = GoDuration.TryParse(text, out var duration);

        // Assert
        Assert.IsFalse(ok);
        Assert.AreEqual(TimeSpan.Zero, duration);
    }
}
