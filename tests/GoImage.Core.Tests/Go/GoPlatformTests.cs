using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class GoPlatformTests
{
    private static GoPlatform ParseValid(string text)
    {
        Assert.IsTrue(GoPlatform.TryParse(text, out var platform, out var reason), $"'{text}' was rejected: {reason}");
        Assert.IsNotNull(platform);
        return platform;
    }

    [TestMethod]
    public void TryParse_AcceptsLinuxAmd64()
    {
        // Act
        var ok = GoPlatform.TryParse("linux/amd64", out var platform, out var reason);

        // Assert
        Assert.IsTrue(ok, reason);
        Assert.AreEqual(new GoPlatform("linux", "amd64", null), platform);
        Assert.AreEqual("", reason);
    }

    [TestMethod]
    public void TryParse_AcceptsArmWithVariant()
    {
        // Act
        var ok = GoPlatform.TryParse("linux/arm/v7", out var platform, out _);

        // Assert
        Assert.IsTrue(ok);
        Assert.AreEqual(new GoPlatform("linux", "arm", "v7"), platform);
    }

    [TestMethod]
    public void DirectoryName_JoinsPartsWithUnderscores()
    {
        // Arrange
        var platform = ParseValid("linux/arm/v7");

        // Act
        var name = platform.DirectoryName;

        // Assert
        Assert.AreEqual("linux_arm_v7", name);
    }

    [TestMethod]
    public void ToString_GivesBackTheParsedText()
    {
        // Arrange
        var platform = ParseValid("linux/arm/v7");

        // Act
        var text = platform.ToString();

        // Assert
        Assert.AreEqual("linux/arm/v7", text);
    }

    [TestMethod]
    public void Environment_SetsGoarmForArmV7()
    {
        // Arrange
        var platform = ParseValid("linux/arm/v7");

        // Act
        var env = platform.Environment;

        // Assert
        CollectionAssert.AreEqual(
            new[] { Pair("GOOS", "linux"), Pair("GOARCH", "arm"), Pair("GOARM", "7") },
            env.ToArray());
    }

    [TestMethod]
    public void Environment_SetsGoamd64ForAmd64V3()
    {
        // Arrange
        var platform = ParseValid("linux/amd64/v3");

        // Act
        var env = platform.Environment;

        // Assert
        CollectionAssert.AreEqual(
            new[] { Pair("GOOS", "linux"), Pair("GOARCH", "amd64"), Pair("GOAMD64", "v3") },
            env.ToArray());
    }

    [TestMethod]
    public void Environment_HasOnlyGoosAndGoarchWithoutVariant()
    {
        // Arrange
        var platform = ParseValid("linux/arm64");

        // Act
        var env = platform.Environment;

        // Assert
        CollectionAssert.AreEqual(new[] { Pair("GOOS", "linux"), Pair("GOARCH", "arm64") }, env.ToArray());
    }

    [TestMethod]
    [DataRow("linux", DisplayName = "no architecture")]
    [DataRow("linux/amd64/", DisplayName = "empty variant")]
    [DataRow("plan10/amd64", DisplayName = "unknown os")]
    [DataRow("linux/arm/v9", DisplayName = "unknown arm variant")]
    [DataRow("linux/amd64/v7", DisplayName = "arm variant on amd64")]
    [DataRow("linux/amd64/v3/x", DisplayName = "four parts")]
    public void TryParse_RejectsInvalidPlatform(string text)
    {
        // Act
        var ok = GoPlatform.TryParse(text, out var platform, out var reason);

        // Assert
        Assert.IsFalse(ok);
        Assert.IsNull(platform);
        Assert.IsFalse(string.IsNullOrWhiteSpace(reason), "a rejection must say why");
    }

    [TestMethod]
    public void ExecutableName_AddsExeForWindows()
    {
        // Arrange
        var platform = ParseValid("windows/amd64");

        // Act
        var name = platform.ExecutableName("app");

        // Assert
        Assert.AreEqual("app.exe", name);
    }

    [TestMethod]
    public void ExecutableName_KeepsNameForLinux()
    {
        // Arrange
        var platform = ParseValid("linux/amd64");

        // Act
        var name = platform.ExecutableName("app");

        // Assert
        Assert.AreEqual("app", name);
    }

    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);
}
