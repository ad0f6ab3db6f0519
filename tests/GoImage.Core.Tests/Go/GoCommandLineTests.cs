using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class GoCommandLineTests
{
    [TestMethod]
    public void Split_KeepsQuotedSpacesInOneField()
    {
        // Act
        var fields = GoCommandLine.Split("-X 'main.a=b c' -s");

        // Assert
        CollectionAssert.AreEqual(new[] { "-X", "main.a=b c", "-s" }, fields);
    }

    [TestMethod]
    public void Split_CollapsesRunsOfWhitespace()
    {
        // Act
        var fields = GoCommandLine.Split("  -a \t  -b\n-c  ");

        // Assert
        CollectionAssert.AreEqual(new[] { "-a", "-b", "-c" }, fields);
    }

    [TestMethod]
    public void Split_KeepsEmptyQuotedField()
    {
        // Act
        var fields = GoCommandLine.Split("-tags \"\" -s");

        // Assert
        CollectionAssert.AreEqual(new[] { "-tags", "", "-s" }, fields);
    }

    [TestMethod]
    public void Split_ReturnsNoFieldsForBlankText()
    {
        // Act
        var fields = GoCommandLine.Split("   ");

        // Assert
        Assert.AreEqual(0, fields.Count);
    }

    [TestMethod]
    public void Quote_WrapsFieldWithSpaceInSingleQuotes()
    {
        // Act
        var quoted = GoCommandLine.Quote("main.a=b c");

        // Assert
        Assert.AreEqual("'main.a=b c'", quoted);
    }

    [TestMethod]
    public void Quote_RoundTripsThroughSplit()
    {
        // Arrange
        var field = "main.msg=it's here";

        // Act
        var fields = GoCommandLine.Split("-X " + GoCommandLine.Quote(field));

        // Assert
        CollectionAssert.AreEqual(new[] { "-X", field }, fields);
    }
}
