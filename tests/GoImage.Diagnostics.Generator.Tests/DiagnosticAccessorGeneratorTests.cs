using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace GoImage.Diagnostics.Generator.Tests;

[TestClass]
public sealed class DiagnosticAccessorGeneratorTests
{
    private const string Path = "/repo/src/GoImage.Core/Diagnostics/Messages.resx";

    [TestMethod]
    public void WellFormedEntry_BecomesAccessorNamedByItsComment()
    {
        // Act
        var (source, problems) = Run(Entry("GoNotFound", "GOI1001: No Go was found ({0}) in {1}.", "error: tried, event"));

        // Assert
        Assert.AreEqual(0, problems.Length, string.Join("; ", problems));
        StringAssert.Contains(source, "public static Diagnostic GoNotFound(object? tried, object? @event) =>");
        StringAssert.Contains(source, "new(\"GOI1001\", Format(nameof(GoNotFound), tried, @event));");
        StringAssert.Contains(source, "public const string GoNotFound = \"GOI1001\";");
    }

    [TestMethod]
    public void WarningUsageAndCanceledComments_BecomeTheDiagnosticsTraits()
    {
        // Act
        var (source, _) = Run(
            Entry("Slow", "GOI1001: Slow.", "warning"),
            Entry("BadArgument", "GOI1002: '{0}' is bad.", "error usage: argument"),
            Entry("Stopped", "GOI1003: Stopped.", "error canceled"));

        // Assert
        StringAssert.Contains(source, "new(\"GOI1001\", Format(nameof(Slow)), IsWarning: true);");
        StringAssert.Contains(source, "new(\"GOI1002\", Format(nameof(BadArgument), argument)) { IsUsageError = true };");
        StringAssert.Contains(source, "new(\"GOI1003\", Format(nameof(Stopped))) { IsCancellation = true };");
    }

    [TestMethod]
    public void EscapedBraces_AreNotPlaceholders()
    {
        // Act
        var (source, problems) = Run(Entry("Malformed", "GOI3050: {0} must be like {{\"auths\":{{}}}}.", "error: path"));

        // Assert
        Assert.AreEqual(0, problems.Length, string.Join("; ", problems));
        StringAssert.Contains(source, "Malformed(object? path)");
    }

    [TestMethod]
    public void MessageWithoutCode_FailsTheBuildAtItsLine()
    {
        // Act
        var (source, problems) = Run(Entry("Fine", "GOI1001: Fine.", "error"), Entry("NoCode", "Something failed.", "error"));

        // Assert
        Assert.AreEqual("GOIGEN02", problems.Single().Id);
        Assert.AreEqual(DiagnosticSeverity.Error, problems[0].Severity);
        Assert.AreEqual(Path, problems[0].Location.GetLineSpan().Path);
        Assert.AreEqual(3, problems[0].Location.GetLineSpan().StartLinePosition.Line, "0-based line of the second <data>");
        Assert.AreEqual("", source, "nothing is generated from a malformed catalog");
    }

    [TestMethod]
    public void CodeUsedTwice_FailsTheBuild()
    {
        // Act
        var (_, problems) = Run(Entry("First", "GOI1001: First.", "error"), Entry("Second", "GOI1001: Second.", "error"));

        // Assert
        Assert.AreEqual("GOIGEN03", problems.Single().Id);
        StringAssert.Contains(problems[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), "'Second' uses GOI1001, which 'First' already uses");
    }

    [TestMethod]
    public void PlaceholderGap_FailsTheBuild()
    {
        // Act
        var (_, problems) = Run(Entry("Gap", "GOI1001: {0} and {2}.", "error: a, b, c"));

        // Assert
        Assert.AreEqual("GOIGEN04", problems.Single().Id);
        StringAssert.Contains(problems[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), "uses {2} but not {1}");
    }

    [TestMethod]
    public void CommentNamingTooFewParameters_FailsTheBuild()
    {
        // Act
        var (_, problems) = Run(Entry("Two", "GOI1001: {0} and {1}.", "error: a"));

        // Assert
        Assert.AreEqual("GOIGEN06", problems.Single().Id);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("fatal: a")]
    [DataRow("error: A")]
    [DataRow("error: a, a")]
    [DataRow("error urgent: a")]
    public void MissingOrMalformedComment_FailsTheBuild(string? comment)
    {
        // Act
        var (_, problems) = Run(Entry("One", "GOI1001: {0}.", comment));

        // Assert
        Assert.AreEqual("GOIGEN05", problems.Single().Id);
    }

    [TestMethod]
    public void NameOfAnExistingMember_FailsTheBuild()
    {
        // Act
        var (_, problems) = Run(Entry("ToString", "GOI1001: Text.", "error"));

        // Assert
        Assert.AreEqual("GOIGEN07", problems.Single().Id);
    }

    private static string Entry(string name, string value, string? comment) =>
        $"""  <data name="{name}" xml:space="preserve"><value>{System.Security.SecurityElement.Escape(value)}</value>{(comment is null ? "" : $"<comment>{comment}</comment>")}</data>""";

    // Line 1 is the declaration, line 2 <root>, so the n-th entry is on line n + 2 (0-based: n + 1).
    private static (string Source, ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> Problems) Run(params string[] entries)
    {
        var resx = $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root>\n{string.Join("\n", entries)}\n</root>\n";
        var driver = CSharpGeneratorDriver.Create(
            [new DiagnosticAccessorGenerator().AsSourceGenerator()],
            additionalTexts: [new InMemoryText(Path, resx)]);
        var result = driver.RunGenerators(CSharpCompilation.Create("Catalog")).GetRunResult().Results.Single();
        return (string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString())), result.Diagnostics);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
