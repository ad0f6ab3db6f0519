using System.Text.RegularExpressions;

namespace GoImage.Sdk.Tasks.Tests;

/// <summary>docs/ stays in step with the code: every code and every public property is documented.</summary>
[TestClass]
public sealed partial class DocumentationTests
{
    private static readonly string Root = FindRoot();

    [TestMethod]
    public void EveryDiagnosticCode_IsInTheDiagnosticsReference()
    {
        var codes = CodeInResx().Matches(File.ReadAllText(Path.Combine(Root, "src", "GoImage.Core", "Diagnostics", "Messages.resx"))).Select(m => m.Value).ToList();
        var docs = File.ReadAllText(Path.Combine(Root, "docs", "diagnostics.md"));

        Assert.IsTrue(codes.Count > 20);
        CollectionAssert.AreEqual(Array.Empty<string>(), codes.Where(c => !docs.Contains($"| {c} |", StringComparison.Ordinal)).ToArray());
    }

    [TestMethod]
    public void EveryPublicProperty_IsInThePropertyReference()
    {
        var properties = Directory.EnumerateFiles(Path.Combine(Root, "sdk", "GoImage.Sdk", "targets"), "*.targets")
            .SelectMany(f => DefaultedProperty().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        var docs = File.ReadAllText(Path.Combine(Root, "docs", "properties.md"));

        Assert.IsTrue(properties.Count > 30);
        CollectionAssert.Contains(properties, "ContainerRepository");
        CollectionAssert.AreEqual(Array.Empty<string>(), properties.Where(p => !docs.Contains($"`{p}`", StringComparison.Ordinal)).ToArray());
    }

    [TestMethod]
    public void SamplesGlobalJson_PinsTheOneSdkVersion()
    {
        var version = System.Xml.Linq.XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("GoImageVersion").Single().Value;
        var globalJson = File.ReadAllText(Path.Combine(Root, "samples", "global.json"));

        StringAssert.Contains(globalJson, $"\"GoImage.Sdk\": \"{version}\"");
    }

    // A public property is one the SDK defaults with Condition="'$(Name)' == ''"; private ones start with _.
    [GeneratedRegex(@"<([A-Z][A-Za-z]+) Condition=""'\$\(\1\)' == ''""")]
    private static partial Regex DefaultedProperty();

    [GeneratedRegex(@"GOI\d{4}")]
    private static partial Regex CodeInResx();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoImage.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
