using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class GoModFileTests
{
    // Line numbers matter: go is on line 3, toolchain on line 5.
    private const string Sample = """
        module example.com/hello

        go 1.22

        toolchain go1.23.5

        require (
        	example.com/direct v1.2.3
        	golang.org/x/text v0.14.0 // indirect
        	"example.com/quoted" v0.1.0 // indirect
        )

        require example.com/single v0.9.0

        replace example.com/old v1.0.0 => example.com/new v2.0.0

        replace example.com/local => ../local
        """;

    private static GoModFile ParseSample() => GoModFile.Parse("/m/go.mod", Sample);

    [TestMethod]
    public void Parse_ReadsModulePath()
    {
        // Act
        var mod = ParseSample();

        // Assert
        Assert.AreEqual("example.com/hello", mod.ModulePath);
        Assert.AreEqual("/m/go.mod", mod.FilePath);
    }

    [TestMethod]
    public void Parse_ReadsGoDirectiveAndItsLine()
    {
        // Act
        var mod = ParseSample();

        // Assert
        Assert.AreEqual("1.22", mod.GoDirective);
        Assert.AreEqual(3, mod.GoDirectiveLine);
    }

    [TestMethod]
    public void Parse_ReadsToolchainDirectiveAndItsLine()
    {
        // Act
        var mod = ParseSample();

        // Assert
        Assert.AreEqual("go1.23.5", mod.ToolchainDirective);
        Assert.AreEqual(5, mod.ToolchainDirectiveLine);
    }

    [TestMethod]
    public void Parse_ReadsBlockAndSingleLineRequirementsWithoutComments()
    {
        // Act
        var mod = ParseSample();

        // Assert
        CollectionAssert.AreEqual(
            new[]
            {
                new ModuleVersion("example.com/direct", "v1.2.3"),
                new ModuleVersion("golang.org/x/text", "v0.14.0"),
                new ModuleVersion("example.com/quoted", "v0.1.0"),
                new ModuleVersion("example.com/single", "v0.9.0"),
            },
            mod.Requirements);
    }

    [TestMethod]
    public void Parse_ReadsVersionedReplacement()
    {
        // Act
        var mod = ParseSample();

        // Assert
        Assert.AreEqual(
            new ModuleReplacement(new ModuleVersion("example.com/old", "v1.0.0"), new ModuleVersion("example.com/new", "v2.0.0")),
            mod.Replacements[0]);
    }

    [TestMethod]
    public void Parse_ReadsWildcardDirectoryReplacement()
    {
        // Act
        var mod = ParseSample();

        // Assert
        Assert.AreEqual(2, mod.Replacements.Count);
        Assert.AreEqual(
            new ModuleReplacement(new ModuleVersion("example.com/local", null), new ModuleVersion("../local", null)),
            mod.Replacements[1]);
    }

    [TestMethod]
    public void Parse_ReadsReplaceBlock()
    {
        // Arrange
        var text = "module m\n\nreplace (\n\ta v1.0.0 => b v1.1.0\n\tc => ./c\n)\n";

        // Act
        var mod = GoModFile.Parse("go.mod", text);

        // Assert
        CollectionAssert.AreEqual(
            new[]
            {
                new ModuleReplacement(new ModuleVersion("a", "v1.0.0"), new ModuleVersion("b", "v1.1.0")),
                new ModuleReplacement(new ModuleVersion("c", null), new ModuleVersion("./c", null)),
            },
            mod.Replacements);
    }

    [TestMethod]
    public void Parse_HandlesWindowsLineEndings()
    {
        // Arrange
        var text = "module m\r\n\r\ngo 1.21\r\nrequire x v1.0.0\r\n";

        // Act
        var mod = GoModFile.Parse("go.mod", text);

        // Assert
        Assert.AreEqual("1.21", mod.GoDirective);
        Assert.AreEqual(3, mod.GoDirectiveLine);
        CollectionAssert.AreEqual(new[] { new ModuleVersion("x", "v1.0.0") }, mod.Requirements);
    }

    [TestMethod]
    public void Parse_LeavesMissingDirectivesUnset()
    {
        // Act
        var mod = GoModFile.Parse("go.mod", "module m\n");

        // Assert
        Assert.IsNull(mod.GoDirective);
        Assert.AreEqual(0, mod.GoDirectiveLine);
        Assert.IsNull(mod.ToolchainDirective);
        Assert.AreEqual(0, mod.Requirements.Count);
    }

    [TestMethod]
    public void Parse_ReadsEmptyBlockAsNoRequirements()
    {
        // Arrange: Go 1.23 accepts "require ()" ('go mod edit -json' shows Require: null).
        var text = "module m\n\ngo 1.22\n\nrequire ()\n";

        // Act
        var mod = GoModFile.Parse("go.mod", text);

        // Assert
        Assert.AreEqual(0, mod.Requirements.Count, string.Join(", ", mod.Requirements));
    }

    [TestMethod]
    public void Read_ParsesFileFromDisk()
    {
        // Arrange
        using var dir = new TempDirectory();
        var path = dir.Write("go.mod", Sample);

        // Act
        var mod = GoModFile.Read(path);

        // Assert
        Assert.AreEqual(path, mod.FilePath);
        Assert.AreEqual("example.com/hello", mod.ModulePath);
        Assert.AreEqual(4, mod.Requirements.Count);
    }

    [TestMethod]
    public void FindModuleFile_WalksUpFromNestedDirectory()
    {
        // Arrange
        using var dir = new TempDirectory();
        var goMod = dir.Write("mod/go.mod", "module m\n");
        var nested = dir.CreateDirectory("mod/cmd/api/internal");

        // Act
        var found = GoModFile.FindModuleFile(nested);

        // Assert
        Assert.AreEqual(goMod, found);
    }

    [TestMethod]
    public void FindModuleFile_PrefersTheNearestGoMod()
    {
        // Arrange
        using var dir = new TempDirectory();
        dir.Write("outer/go.mod", "module outer\n");
        var inner = dir.Write("outer/inner/go.mod", "module inner\n");
        var nested = dir.CreateDirectory("outer/inner/pkg");

        // Act
        var found = GoModFile.FindModuleFile(nested);

        // Assert
        Assert.AreEqual(inner, found);
    }
}
