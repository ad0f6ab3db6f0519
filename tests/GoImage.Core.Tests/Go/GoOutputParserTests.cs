using GoImage.Go;

namespace GoImage.Core.Tests.Go;

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

    // The go command's own words (Go 1.23), as captured from real builds.
    [TestMethod]
    public void ParseBuildErrors_ImportedPackageExcludedByBuildConstraints_IsOneGOI1021WithTheHint()
    {
        // Arrange
        string[] stderr =
        [
            "package example.com/m/cmd/d",
            "\timports example.com/m/x: build constraints exclude all Go files in /src/m/x",
        ];

        // Act
        var diagnostics = GoOutputParser.ParseBuildErrors(stderr, "/src/m", Amd64, 1);

        // Assert
        var diagnostic = diagnostics.Single();
        Assert.AreEqual("GOI1021", diagnostic.Code);
        Assert.IsNull(diagnostic.File, "Go names no file: the task puts it at the project");
        StringAssert.StartsWith(diagnostic.Message, "package example.com/m/cmd/d imports example.com/m/x: build constraints exclude all Go files in /src/m/x (go build for linux/amd64).");
        StringAssert.Contains(diagnostic.Message, "GoBuildTags");
        StringAssert.Contains(diagnostic.Message, "GoCgoEnabled");
        StringAssert.Contains(diagnostic.Message, "GoTargetPlatforms");
        Assert.IsFalse(diagnostic.Message.Contains('\n', StringComparison.Ordinal), "one line: MSBuild shows one error");
    }

    [TestMethod]
    public void ParseBuildErrors_LocatedBuildConstraintsError_KeepsItsPlace()
    {
        // Act
        var diagnostic = GoOutputParser.ParseBuildErrors(["main.go:5:2: build constraints exclude all Go files in /src/m/x"], "/src/m", Amd64, 1).Single();

        // Assert
        Assert.AreEqual("GOI1021", diagnostic.Code);
        Assert.AreEqual(Path.GetFullPath("/src/m/main.go"), diagnostic.File);
        Assert.AreEqual((5, 2), (diagnostic.Line, diagnostic.Column));
    }

    [TestMethod]
    public void ParseBuildErrors_TabIndentedHaveWant_JoinTheLocatedError()
    {
        // Arrange
        string[] stderr =
        [
            "# example.com/m/cmd/d",
            "cmd/d/main.go:4:15: not enough arguments in call to f",
            "\thave ()",
            "\twant (int)",
            "cmd/d/main.go:6:1: undefined: g",
        ];

        // Act
        var diagnostics = GoOutputParser.ParseBuildErrors(stderr, "/src/m", Amd64, 1);

        // Assert
        Assert.AreEqual(2, diagnostics.Count);
        Assert.AreEqual("GOI1010", diagnostics[0].Code);
        Assert.AreEqual("not enough arguments in call to f have () want (int)", diagnostics[0].Message);
        Assert.AreEqual(Path.GetFullPath("/src/m/cmd/d/main.go"), diagnostics[0].File);
        Assert.AreEqual(4, diagnostics[0].Line);
        Assert.AreEqual("undefined: g", diagnostics[1].Message);
    }

    [TestMethod]
    public void ParseBuildErrors_UnlocatedImportCycle_IsOneGOI1008()
    {
        // Arrange
        string[] stderr =
        [
            "package example.com/m/cmd/d",
            "\timports example.com/m/a",
            "\timports example.com/m/b",
            "\timports example.com/m/a: import cycle not allowed",
        ];

        // Act
        var diagnostic = GoOutputParser.ParseBuildErrors(stderr, "/src/m", Amd64, 1).Single();

        // Assert
        Assert.AreEqual("GOI1008", diagnostic.Code);
        Assert.AreEqual(
            "go build for linux/amd64 failed with exit code 1. package example.com/m/cmd/d imports example.com/m/a imports example.com/m/b imports example.com/m/a: import cycle not allowed",
            diagnostic.Message);
    }

    [TestMethod]
    public void ParseBuildErrors_NoOutput_IsStillOneGOI1008()
    {
        // Act
        var diagnostic = GoOutputParser.ParseBuildErrors([], "/src/m", Amd64, 2).Single();

        // Assert
        Assert.AreEqual("GOI1008", diagnostic.Code);
        StringAssert.Contains(diagnostic.Message, "exit code 2");
    }

    private static GoPlatform Amd64 => GoPlatform.TryParse("linux/amd64", out var platform, out _) ? platform! : throw new InvalidOperationException();

    private static readonly GoPlatform Arm64 = new("linux", "arm64", null);

    [TestMethod]
    public void ParseBuildErrors_LocatesACCompileErrorInItsPackageFolder_WithoutGccsContextLines()
    {
        // Arrange
        using var module = new TempDirectory();
        module.Write("go.mod", "module example.com/app\n\ngo 1.23\n");
        module.Write("native/add.c", "int add(int a, int b) { return a + b }\n");
        string[] stderr =
        [
            "# example.com/app/native",
            "add.c: In function \u2018add\u2019:",
            "add.c:1:38: error: expected \u2018;\u2019 before \u2018}\u2019 token",
            "    1 | int add(int a, int b) { return a + b }",
            "      |                                      ^",
        ];

        // Act
        var errors = GoOutputParser.ParseBuildErrors(stderr, module.Path, Arm64, 1);

        // Assert
        Assert.AreEqual(1, errors.Count, string.Join("\n", errors));
        Assert.AreEqual("GOI1064", errors[0].Code);
        Assert.AreEqual(System.IO.Path.Combine(module.Path, "native", "add.c"), errors[0].File);
        Assert.AreEqual((1, 38), (errors[0].Line, errors[0].Column));
        StringAssert.Contains(errors[0].Message, "linux/arm64");
    }

    [TestMethod]
    public void ParseBuildErrors_TranslatesAnUndefinedMathSymbolToMinusLm()
    {
        // Arrange
        string[] stderr =
        [
            "# example.com/app",
            "/usr/lib/go-1.23/pkg/tool/linux_amd64/link: running aarch64-linux-gnu-gcc failed: exit status 1",
            "/usr/bin/aarch64-linux-gnu-gcc -o $WORK/b001/exe/a.out -static",
            "/usr/bin/aarch64-linux-gnu-ld: /tmp/go-link-1/000001.o: in function `f':",
            "/tmp/go-build/main.cgo2.c:5: undefined reference to `sqrt'",
            "/usr/bin/aarch64-linux-gnu-ld: /tmp/go-build/main.cgo2.c:5: undefined reference to `asinh'",
            "/usr/bin/aarch64-linux-gnu-ld: x.o: undefined reference to `vendor_init'",
            "collect2: error: ld returned 1 exit status",
        ];

        // Act
        var errors = GoOutputParser.ParseBuildErrors(stderr, "/src", Arm64, 1);

        // Assert
        CollectionAssert.AreEqual(new[] { "GOI1065", "GOI1065", "GOI1068" }, errors.Select(e => e.Code).ToArray());
        StringAssert.Contains(errors[0].Message, "-lm");
        StringAssert.Contains(errors[1].Message, "asinh");
        StringAssert.Contains(errors[2].Message, "vendor_init");
    }

    [TestMethod]
    public void ParseBuildErrors_NamesTheDevPackageOfAMissingLibraryForThePlatform()
    {
        // Arrange
        string[] stderr =
        [
            "/usr/lib/go-1.23/pkg/tool/linux_amd64/link: running aarch64-linux-gnu-gcc failed: exit status 1",
            "/usr/bin/aarch64-linux-gnu-ld: cannot find -lsqlite3: No such file or directory",
            "collect2: error: ld returned 1 exit status",
        ];

        // Act
        var errors = GoOutputParser.ParseBuildErrors(stderr, "/src", Arm64, 1);

        // Assert
        Assert.AreEqual(1, errors.Count);
        Assert.AreEqual("GOI1066", errors[0].Code);
        StringAssert.Contains(errors[0].Message, "libsqlite3-dev:arm64");
    }
}
