using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using GoImage.Diagnostics;

namespace GoImage.Core.Tests.Diagnostics;

[TestClass]
public sealed partial class DiagnosticCatalogTests
{
    [GeneratedRegex(@"^GOI\d{4}: ")]
    private static partial Regex CodePrefix();

    // Templates whose whole text after the code is Go's own message: nothing of ours to say there.
    private static readonly string[] PassThrough = ["GoCompileError"];

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
    public void Error_SplitsCodeFromMessage()
    {
        // Act
        var diagnostic = Diagnostic.Error("GoNotFound", "x");

        // Assert
        Assert.AreEqual("GOI1001", diagnostic.Code);
        StringAssert.StartsWith(diagnostic.Message, "No Go toolchain was found (x).");
        Assert.IsFalse(diagnostic.Message.Contains("GOI1001", StringComparison.Ordinal));
        Assert.IsFalse(diagnostic.IsWarning);
    }

    [TestMethod]
    public void Warning_MarksDiagnosticAsWarning()
    {
        // Act
        var diagnostic = Diagnostic.Warning("GoToolchainPreferred", "go.mod", "go1.24.0", "go1.23.5");

        // Assert
        Assert.AreEqual("GOI1018", diagnostic.Code);
        Assert.IsTrue(diagnostic.IsWarning);
    }

    [TestMethod]
    public void Error_ThrowsForUnknownResourceName()
    {
        // Act and Assert
        Assert.ThrowsExactly<ArgumentException>(() => Diagnostic.Error("NoSuchMessage"));
    }

    [TestMethod]
    public void ToString_PutsFileLineAndColumnFirst()
    {
        // Arrange
        var diagnostic = Diagnostic.Error("GoCompileError", "undefined: x") with { File = "/w/main.go", Line = 3, Column = 7 };

        // Act
        var text = diagnostic.ToString();

        // Assert
        Assert.AreEqual("/w/main.go(3,7): error GOI1010: undefined: x", text);
    }
}
