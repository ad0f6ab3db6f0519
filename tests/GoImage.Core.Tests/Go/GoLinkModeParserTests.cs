using GoImage.Diagnostics;
using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class GoLinkModeParserTests
{
    [TestMethod]
    [DataRow("", GoCgoLinkMode.Static)]
    [DataRow("Static", GoCgoLinkMode.Static)]
    [DataRow(" dynamic ", GoCgoLinkMode.Dynamic)]
    public void ParseCgoLinkMode_ReadsKnownValues(string text, GoCgoLinkMode expected) =>
        Assert.AreEqual(expected, GoLinkModeParser.ParseCgoLinkMode(text));

    [TestMethod]
    [DataRow("", GoBuildMode.Exe)]
    [DataRow("PIE", GoBuildMode.Pie)]
    public void ParseBuildMode_ReadsKnownValues(string text, GoBuildMode expected) =>
        Assert.AreEqual(expected, GoLinkModeParser.ParseBuildMode(text));

    [TestMethod]
    public void UnknownValues_AreCodedErrors()
    {
        // Act
        var link = Assert.ThrowsExactly<GoImageException>(() => GoLinkModeParser.ParseCgoLinkMode("shared"));
        var build = Assert.ThrowsExactly<GoImageException>(() => GoLinkModeParser.ParseBuildMode("c-archive"));

        // Assert
        Assert.AreEqual("GOI1060", link.Diagnostic.Code);
        Assert.AreEqual("GOI1061", build.Diagnostic.Code);
    }
}
