using GoImage.Go;

namespace GoImage.Core.Tests;

[TestClass]
public sealed class GoOutputParserTests
{
    [TestMethod]
    public void Parse_LocatesCompileErrorRelativeToWorkingDirectory()
    {
        // Act
        var diagnostic = GoOutputParser.Parse("./main.go:12:5: syntax error: unexpected }", "/w");

        // Assert
        Assert.IsNotNull(diagnostic);
        Assert.AreEqual(Path.GetFullPath("/w/main.go"), diagnostic.File);
        Assert.AreEqual(12, diagnostic.Line);
        Assert.AreEqual(5, diagnostic.Column);
        Assert.AreEqual("GOI1010", diagnostic.Code);
        Assert.AreEqual("syntax error: unexpected }", diagnostic.Message);
        Assert.IsFalse(diagnostic.IsWarning);
    }

    [TestMethod]
    public void Parse_ReturnsNullForPackageHeader()
    {
        // Act
        var diagnostic = GoOutputParser.Parse("# example.com/hello", "/w");

        // Assert
        Assert.IsNull(diagnostic);
    }

    [TestMethod]
    public void Parse_GivesColumnZeroWhenLineHasNoColumn()
    {
        // Act
        var diagnostic = GoOutputParser.Parse("go.mod:3: unknown directive: foo", "/w");

        // Assert
        Assert.IsNotNull(diagnostic);
        Assert.AreEqual(Path.GetFullPath("/w/go.mod"), diagnostic.File);
        Assert.AreEqual(3, diagnostic.Line);
        Assert.AreEqual(0, diagnostic.Column);
        Assert.AreEqual("unknown directive: foo", diagnostic.Message);
    }

    [TestMethod]
    public void Parse_KeepsAbsoluteFilePath()
    {
        // Act
        var diagnostic = GoOutputParser.Parse("/src/app/cmd/api/main.go:4:2: undefined: x", "/w");

        // Assert
        Assert.IsNotNull(diagnostic);
        Assert.AreEqual("/src/app/cmd/api/main.go", diagnostic.File);
    }
}
