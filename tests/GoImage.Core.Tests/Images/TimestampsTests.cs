using GoImage.Images;

namespace GoImage.Core.Tests.Images;

[TestClass]
public sealed class TimestampsTests
{
    [TestMethod]
    public void Format_WritesUtcWithZ()
    {
        // Act
        var text = Timestamps.Format(DateTimeOffset.FromUnixTimeSeconds(1700000000));

        // Assert
        Assert.AreEqual("2023-11-14T22:13:20Z", text);
    }

    [TestMethod]
    public void Format_ConvertsOffsetsToUtc()
    {
        // Arrange: the same instant seen from UTC+01:00.
        var time = new DateTimeOffset(2023, 11, 14, 23, 13, 20, TimeSpan.FromHours(1));

        // Act
        var text = Timestamps.Format(time);

        // Assert
        Assert.AreEqual("2023-11-14T22:13:20Z", text);
    }

    [TestMethod]
    public void Format_DropsFractionsOfSeconds()
    {
        // Act
        var text = Timestamps.Format(DateTimeOffset.FromUnixTimeMilliseconds(1700000000999));

        // Assert
        Assert.AreEqual("2023-11-14T22:13:20Z", text);
    }
}
