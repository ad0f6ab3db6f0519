using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GoImage.Diagnostics;

namespace GoImage.Core.Tests.Diagnostics;

/// <summary>Messages.resx and the accessors generated from it: one code per cause, each used, each carrying its entry (docs: DocumentationTests).</summary>
[TestClass]
public sealed partial class DiagnosticCatalogTests
{
    [GeneratedRegex(@"^GOI\d{4}: ")]
    private static partial Regex CodePrefix();

    // Templates whose whole text after the code is Go's own message: nothing of ours to say there.
    private static readonly string[] PassThrough = ["GoCompileError"];

    private static readonly string Root = FindRoot();

    private static List<KeyValuePair<string, string>> Messages()
    {
        var resources = new ResourceManager("GoImage.Diagnostics.Messages", typeof(Diagnostic).Assembly);
        var set = resources.GetResourceSet(CultureInfo.InvariantCulture, true, true);
        Assert.IsNotNull(set, "the embedded Messages resources were not found");
        var messages = set.Cast<DictionaryEntry>()
            .Select(e => new KeyValuePair<string, string>((string)e.Key, (string)e.Value!))
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .ToList();
        Assert.IsTrue(messages.Count >= 20, $"only {messages.Count} messages were found");
        return messages;
    }

    private static List<MethodInfo> Accessors() =>
        typeof(Diagnostic).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(Diagnostic) && m.GetParameters().All(p => p.ParameterType == typeof(object)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();

    [TestMethod]
    public void Messages_StartWithGoiCodeAndColon()
    {
        // Act
        var wrong = Messages().Where(m => !CodePrefix().IsMatch(m.Value)).Select(m => m.Key).ToList();

        // Assert
        Assert.AreEqual(0, wrong.Count, "messages without a 'GOI1234: ' prefix: " + string.Join(", ", wrong));
    }

    [TestMethod]
    public void Messages_HaveUniqueCodes()
    {
        // Act
        var duplicates = Messages()
            .GroupBy(m => m.Value.Split(':')[0], StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} ({string.Join(", ", g.Select(m => m.Key))})")
            .ToList();

        // Assert
        Assert.AreEqual(0, duplicates.Count, "codes used more than once: " + string.Join("; ", duplicates));
    }

    [TestMethod]
    public void Messages_SayMoreThanTheCode()
    {
        // Act
        var terse = Messages()
            .Where(m => !PassThrough.Contains(m.Key) && m.Value.Length <= 40)
            .Select(m => $"{m.Key}: {m.Value}")
            .ToList();

        // Assert
        Assert.AreEqual(0, terse.Count, "messages too short to say what to do: " + string.Join(" | ", terse));
    }

    [TestMethod]
    public void Messages_OnlyCompileErrorIsPurePassThrough()
    {
        // Act: a template that is nothing but its code and one placeholder adds no guidance of its own.
        var passThrough = Messages()
            .Where(m => Regex.IsMatch(m.Value, @"^GOI\d{4}: \{0\}$"))
            .Select(m => m.Key)
            .ToArray();

        // Assert
        CollectionAssert.AreEqual(PassThrough, passThrough);
    }

    [TestMethod]
    public void EveryMessage_HasOneAccessorWithItsCodeAndText()
    {
        // Arrange
        var messages = Messages().ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        var wrong = new List<string>();

        // Act: each accessor, called with "<0>", "<1>", …, must give its entry's text with those values in place.
        foreach (var accessor in Accessors())
        {
            var arguments = Arguments(accessor);
            var diagnostic = Call(accessor);
            var expected = string.Format(CultureInfo.InvariantCulture, messages[accessor.Name], arguments);
            if ($"{diagnostic.Code}: {diagnostic.Message}" != expected
                || diagnostic.Code != (string?)typeof(Diagnostic.Codes).GetField(accessor.Name)?.GetRawConstantValue())
            {
                wrong.Add(accessor.Name);
            }
        }

        // Assert
        CollectionAssert.AreEquivalent(messages.Keys.ToArray(), Accessors().Select(a => a.Name).ToArray());
        Assert.AreEqual(0, wrong.Count, "accessors that do not give their entry: " + string.Join(", ", wrong));
    }

    [TestMethod]
    public void EveryMessage_IsUsedInTheSource()
    {
        // Arrange: C# reports through Diagnostic.Name(…) or Diagnostic.Codes.Name; targets would write the code itself.
        var csharp = string.Join("\n", SourceFiles("*.cs").Where(f => !f.EndsWith(".g.cs", StringComparison.Ordinal)).Select(File.ReadAllText));
        var targets = string.Join("\n", SourceFiles("*.targets").Concat(SourceFiles("*.props")).Select(File.ReadAllText));

        // Act
        var unused = Messages()
            .Where(m => !csharp.Contains($"Diagnostic.{m.Key}(", StringComparison.Ordinal)
                && !targets.Contains(m.Value[..7], StringComparison.Ordinal))
            .Select(m => $"{m.Value[..7]} {m.Key}")
            .ToList();

        // Assert
        Assert.AreEqual(0, unused.Count, "codes nothing in src/ or sdk/ reports: " + string.Join(", ", unused));
    }

    [TestMethod]
    public void WarningAccessors_AreTheEntriesWhoseCommentSaysWarning()
    {
        // Arrange
        var resx = XDocument.Load(Path.Combine(Root, "src", "GoImage.Core", "Diagnostics", "Messages.resx"));
        var commented = resx.Root!.Elements("data")
            .Where(d => ((string?)d.Element("comment") ?? "").StartsWith("warning", StringComparison.Ordinal))
            .Select(d => (string)d.Attribute("name")!)
            .ToArray();

        // Act
        var warnings = Accessors().Where(a => Call(a).IsWarning).Select(a => a.Name).ToArray();

        // Assert
        Assert.IsTrue(commented.Length > 5);
        CollectionAssert.AreEquivalent(commented, warnings);
    }

    [TestMethod]
    public void Accessor_SplitsCodeFromMessage()
    {
        // Act
        var diagnostic = Diagnostic.GoNotFound("x");

        // Assert
        Assert.AreEqual("GOI1001", diagnostic.Code);
        StringAssert.StartsWith(diagnostic.Message, "No Go toolchain was found (x).");
        Assert.IsFalse(diagnostic.Message.Contains("GOI1001", StringComparison.Ordinal));
        Assert.IsFalse(diagnostic.IsWarning);
    }

    [TestMethod]
    public void Accessor_OfAWarningEntry_GivesAWarning()
    {
        // Act
        var diagnostic = Diagnostic.GoToolchainPreferred("go.mod", "go1.24.0", "go1.23.5");

        // Assert
        Assert.AreEqual("GOI1018", diagnostic.Code);
        Assert.IsTrue(diagnostic.IsWarning);
    }

    [TestMethod]
    public void Accessors_CarryTheUsageAndCancelTraitsOfTheirEntries()
    {
        // Act
        var usage = Diagnostic.ImageSourceNotFound("x");
        var canceled = Diagnostic.ImageCommandCanceled("push", "nothing was changed");
        var plain = Diagnostic.LayoutUnreadable("x");

        // Assert
        Assert.IsTrue(usage is { IsUsageError: true, IsCancellation: false });
        Assert.IsTrue(canceled is { IsUsageError: false, IsCancellation: true });
        Assert.IsTrue(plain is { IsUsageError: false, IsCancellation: false });
    }

    [TestMethod]
    public void ToString_PutsFileLineAndColumnFirst()
    {
        // Arrange
        var diagnostic = Diagnostic.GoCompileError("undefined: x") with { File = "/w/main.go", Line = 3, Column = 7 };

        // Act
        var text = diagnostic.ToString();

        // Assert
        Assert.AreEqual("/w/main.go(3,7): error GOI1010: undefined: x", text);
    }

    private static object[] Arguments(MethodInfo accessor) =>
        accessor.GetParameters().Select(p => (object)$"<{p.Position}>").ToArray();

    private static Diagnostic Call(MethodInfo accessor) => (Diagnostic)accessor.Invoke(null, Arguments(accessor))!;

    private static IEnumerable<string> SourceFiles(string pattern) =>
        new[] { "src", "sdk" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), pattern, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

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
