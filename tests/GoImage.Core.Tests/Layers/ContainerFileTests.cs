using GoImage.Diagnostics;
using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

[TestClass]
public sealed class ContainerFileTests
{
    private const string AppPath = "/app/hello";

    private static List<LayerEntry> Valid(params ContainerFile[] files)
    {
        var diagnostics = new List<Diagnostic>();
        var entries = ContainerFile.ToEntries(files, AppPath, new SourceRoots([Path.GetTempPath()]), diagnostics);
        Assert.AreEqual(0, diagnostics.Count, string.Join(Environment.NewLine, diagnostics));
        Assert.IsNotNull(entries);
        return entries;
    }

    private static List<Diagnostic> Invalid(params ContainerFile[] files)
    {
        var diagnostics = new List<Diagnostic>();
        var entries = ContainerFile.ToEntries(files, AppPath, new SourceRoots([Path.GetTempPath()]), diagnostics);
        Assert.IsNull(entries, "bad items must give no entries");
        return diagnostics;
    }

    [TestMethod]
    public void ToEntries_WithoutMode_UsesMode0644AndTheNormalizedTarget()
    {
        // Arrange
        using var temp = new TempDirectory();
        var source = temp.Write("config/app.yaml", "a: 1\n");

        // Act
        var entries = Valid(new ContainerFile("config/app.yaml", source, "/etc//app/app.yaml", ""));

        // Assert
        var entry = entries.Single();
        Assert.AreEqual("etc/app/app.yaml", entry.Path);
        Assert.AreEqual(LayerEntryKind.File, entry.Kind);
        Assert.AreEqual(0b110_100_100, entry.Mode);
        Assert.AreEqual(0, entry.Uid);
        Assert.AreEqual(source, entry.SourceFile);
        using var content = entry.OpenContent();
        Assert.AreEqual(5L, content.Length);
    }

    [TestMethod]
    [DataRow("0600", 0b110_000_000)]
    [DataRow("755", 0b111_101_101)]
    [DataRow(" 4755 ", 0b100_111_101_101, DisplayName = "setuid, with spaces")]
    [DataRow("0000644", 0b110_100_100, DisplayName = "leading zeros")]
    [DataRow("7777", 0b111_111_111_111, DisplayName = "largest")]
    public void ToEntries_ReadsOctalMode(string mode, int expected)
    {
        // Arrange
        using var temp = new TempDirectory();
        var source = temp.Write("run.sh", "x");

        // Act
        var entries = Valid(new ContainerFile("run.sh", source, "/usr/local/bin/run.sh", mode));

        // Assert
        Assert.AreEqual(expected, entries.Single().Mode);
    }

    [TestMethod]
    public void ToEntries_MissingSource_ReportsGoi2007()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act
        var diagnostics = Invalid(new ContainerFile("config/missing.yaml", temp.Combine("config/missing.yaml"), "/etc/missing.yaml", ""));

        // Assert
        Assert.AreEqual("GOI2007", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, "config/missing.yaml");
    }

    [TestMethod]
    [DataRow("etc/app.yaml", DisplayName = "relative")]
    [DataRow("/etc/", DisplayName = "folder")]
    [DataRow("/etc/../app.yaml", DisplayName = "dot dot")]
    [DataRow("/etc/./app.yaml", DisplayName = "dot")]
    [DataRow("", DisplayName = "empty")]
    public void ToEntries_BadTargetPath_ReportsGoi2008(string target)
    {
        // Arrange
        using var temp = new TempDirectory();
        var source = temp.Write("app.yaml", "x");

        // Act
        var diagnostics = Invalid(new ContainerFile("app.yaml", source, target, ""));

        // Assert
        Assert.AreEqual("GOI2008", diagnostics.Single().Code);
    }

    [TestMethod]
    [DataRow("0999", DisplayName = "not octal")]
    [DataRow("rw-r--r--", DisplayName = "symbolic")]
    [DataRow("17777", DisplayName = "above 07777")]
    [DataRow("77777777777777777777", DisplayName = "beyond int")]
    [DataRow("-644", DisplayName = "negative")]
    public void ToEntries_BadMode_ReportsGoi2008(string mode)
    {
        // Arrange
        using var temp = new TempDirectory();
        var source = temp.Write("app.yaml", "x");

        // Act
        var diagnostics = Invalid(new ContainerFile("app.yaml", source, "/etc/app.yaml", mode));

        // Assert
        Assert.AreEqual("GOI2008", diagnostics.Single().Code);
    }

    [TestMethod]
    public void ToEntries_SameTargetTwice_ReportsGoi2015()
    {
        // Arrange
        using var temp = new TempDirectory();
        var a = temp.Write("a.yaml", "a");
        var b = temp.Write("b.yaml", "b");

        // Act
        var diagnostics = Invalid(new ContainerFile("a.yaml", a, "/etc/app.yaml", ""), new ContainerFile("b.yaml", b, "/etc//app.yaml", ""));

        // Assert
        Assert.AreEqual("GOI2015", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, "a.yaml");
    }

    [TestMethod]
    [DataRow("/app/hello", DisplayName = "the binary itself")]
    [DataRow("/app/hello/config", DisplayName = "inside the binary")]
    [DataRow("/app", DisplayName = "the binary's folder")]
    public void ToEntries_TargetConflictingWithTheApp_ReportsGoi2015(string target)
    {
        // Arrange
        using var temp = new TempDirectory();
        var source = temp.Write("x", "x");

        // Act
        var diagnostics = Invalid(new ContainerFile("x", source, target, ""));

        // Assert
        Assert.AreEqual("GOI2015", diagnostics.Single().Code);
    }

    [TestMethod]
    public void ToEntries_FileInsideAnotherFile_ReportsGoi2015()
    {
        // Arrange
        using var temp = new TempDirectory();
        var a = temp.Write("a", "a");
        var b = temp.Write("b", "b");

        // Act
        var diagnostics = Invalid(new ContainerFile("a", a, "/etc/app", ""), new ContainerFile("b", b, "/etc/app/b", ""));

        // Assert
        Assert.AreEqual("GOI2015", diagnostics.Single().Code);
    }

    [TestMethod]
    public void ToEntries_SeveralBadItems_ReportsEach()
    {
        // Arrange
        using var temp = new TempDirectory();
        var good = temp.Write("good", "g");

        // Act
        var diagnostics = Invalid(
            new ContainerFile("missing", temp.Combine("missing"), "/a", ""),
            new ContainerFile("good", good, "relative", ""),
            new ContainerFile("good", good, "/b", "9"),
            new ContainerFile("good", good, "/app/hello", ""));

        // Assert
        CollectionAssert.AreEqual(new[] { "GOI2007", "GOI2008", "GOI2008", "GOI2015" }, diagnostics.Select(d => d.Code).ToArray());
    }

    [TestMethod]
    public void ToEntries_NoItems_GivesEmptyList()
    {
        // Act
        var entries = Valid();

        // Assert
        Assert.AreEqual(0, entries.Count);
    }
}
