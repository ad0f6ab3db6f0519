using GoImage.Go;
using NuGet.Versioning;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class GoVersionTests
{
    private static NuGetVersion ParseValid(string text)
    {
        var version = GoVersion.Parse(text);
        Assert.IsNotNull(version, $"'{text}' did not parse");
        return version;
    }

    [TestMethod]
    [DataRow("1.21", "1.21rc1", DisplayName = "language version before its first release candidate")]
    [DataRow("1.21rc1", "1.21.0", DisplayName = "release candidate before the release")]
    [DataRow("1.21.0", "1.21.5", DisplayName = "release before its patch")]
    [DataRow("1.21.5", "1.22", DisplayName = "patch before the next language version")]
    [DataRow("1.22", "go1.23.5", DisplayName = "language version before a later toolchain name")]
    [DataRow("1.21beta2", "1.21rc1", DisplayName = "beta before release candidate")]
    [DataRow("1.20", "1.20.1", DisplayName = "pre-1.21 language version before its patch")]
    public void Parse_OrdersVersionsAsGoDoes(string older, string newer)
    {
        // Arrange
        var a = ParseValid(older);
        var b = ParseValid(newer);

        // Act
        var comparison = a.CompareTo(b);

        // Assert
        Assert.IsTrue(comparison < 0, $"expected {older} < {newer}, got {a} vs {b}");
    }

    [TestMethod]
    public void Parse_OrdersTheWholeChainAsGoDoes()
    {
        // Arrange
        string[] inGoOrder = ["1.21", "1.21rc1", "1.21.0", "1.21.5", "1.22", "go1.23.5"];
        var shuffled = new[] { "go1.23.5", "1.21.0", "1.22", "1.21", "1.21.5", "1.21rc1" };

        // Act
        var sorted = shuffled.OrderBy(ParseValid).ToArray();

        // Assert
        CollectionAssert.AreEqual(inGoOrder, sorted);
    }

    [TestMethod]
    public void Parse_IgnoresCustomToolchainSuffix()
    {
        // Act
        var custom = GoVersion.Parse("go1.23.5-custom");

        // Assert
        Assert.AreEqual(ParseValid("1.23.5"), custom);
    }

    [TestMethod]
    public void Parse_TreatsGoPrefixAsTheSameVersion()
    {
        // Act
        var prefixed = GoVersion.Parse("go1.23.5");

        // Assert
        Assert.AreEqual(new NuGetVersion(1, 23, 5), prefixed);
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow("1..2")]
    [DataRow("")]
    [DataRow("1.2.3.4")]
    [DataRow("1.21xyz")]
    public void Parse_ReturnsNullForInvalidText(string text)
    {
        // Act
        var version = GoVersion.Parse(text);

        // Assert
        Assert.IsNull(version);
    }

    [TestMethod]
    public void ReadGoRootVersionFile_ReadsTheFirstLine()
    {
        // Arrange
        using var goRoot = new TempDirectory();
        goRoot.Write("VERSION", "go1.23.5\ntime 2025-01-16T18:40:16Z\n");

        // Act
        var name = GoVersion.ReadGoRootVersionFile(goRoot.Path);

        // Assert
        Assert.AreEqual("go1.23.5", name);
    }

    [TestMethod]
    public void ReadGoRootVersionFile_ReturnsNullWithoutVersionFile()
    {
        // Arrange
        using var goRoot = new TempDirectory();

        // Act
        var name = GoVersion.ReadGoRootVersionFile(goRoot.Path);

        // Assert
        Assert.IsNull(name);
    }
}
