using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class GoSourceHeaderTests
{
    private const string Source = """
        //go:build linux

        // Package main serves hello.
        package main

        /*
        #include <stdint.h>
        func notADeclaration() {}
        */
        import "C"

        import (
            "embed"
            "fmt" // func in a comment
            str "strings"
        )

        //go:embed static/*
        var static embed.FS

        var version = "dev"

        func main() { fmt.Println(str.ToUpper(version)) }
        """;

    [TestMethod]
    public void Of_EndsAtTheFirstTopLevelDeclaration_AndKeepsEmbedLines()
    {
        var header = GoSourceHeader.Of(Source);

        StringAssert.Contains(header, "//go:build linux");
        StringAssert.Contains(header, "#include <stdint.h>");
        StringAssert.Contains(header, "str \"strings\"");
        StringAssert.Contains(header, "//go:embed static/*");
        Assert.IsFalse(header.Contains("var version", StringComparison.Ordinal), header);
        Assert.IsFalse(header.Contains("func main", StringComparison.Ordinal), header);
    }

    [TestMethod]
    [DataRow("var version = \"dev\"", "var version = \"bench-1\"", DisplayName = "a string constant")]
    [DataRow("fmt.Println(str.ToUpper(version))", "fmt.Println(version)", DisplayName = "a function body")]
    public void Of_IgnoresEditsBelowTheImports(string before, string after) =>
        Assert.AreEqual(GoSourceHeader.Of(Source), GoSourceHeader.Of(Source.Replace(before, after, StringComparison.Ordinal)));

    [TestMethod]
    [DataRow("//go:build linux", "//go:build linux && arm64", DisplayName = "a build constraint")]
    [DataRow("package main", "package other", DisplayName = "the package clause")]
    [DataRow("#include <stdint.h>", "#include <stdio.h>", DisplayName = "the cgo preamble")]
    [DataRow("\"fmt\" // func", "\"fmt\"\n    \"os\" // func", DisplayName = "an added import")]
    [DataRow("//go:embed static/*", "//go:embed static/* extra.txt", DisplayName = "an embed pattern")]
    public void Of_ChangesWithWhatGoListReads(string before, string after) =>
        Assert.AreNotEqual(GoSourceHeader.Of(Source), GoSourceHeader.Of(Source.Replace(before, after, StringComparison.Ordinal)));

    [TestMethod]
    [DataRow("package main\nimport \"fmt\"\n/* unterminated", DisplayName = "an open comment")]
    [DataRow("package main\nimport \"fmt", DisplayName = "an open string")]
    [DataRow("package main\nimport (\n\"fmt\"\n", DisplayName = "an open parenthesis")]
    public void Of_MalformedText_KeepsEverything(string source) =>
        Assert.AreEqual(source, GoSourceHeader.Of(source));
}
