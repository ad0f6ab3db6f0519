using GoImage.Diagnostics;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class VendorConsistencyTests
{
    private static string Codes(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(", ", diagnostics.Select(d => d.Code));

    private static Diagnostic Single(IReadOnlyList<Diagnostic> diagnostics, string code)
    {
        var found = diagnostics.Where(d => d.Code == code).ToList();
        Assert.AreEqual(1, found.Count, $"expected one {code}; got [{Codes(diagnostics)}]: {string.Join(" | ", diagnostics)}");
        return found[0];
    }

    [TestMethod]
    public void Check_ReportsNothingForVendorFolderWrittenByGo()
    {
        // Arrange
        using var fixture = new VendorFixture();

        // Act
        var diagnostics = fixture.Check();

        // Assert
        Assert.AreEqual(0, diagnostics.Count, string.Join(Environment.NewLine, diagnostics));
    }

    [TestMethod]
    public void Check_ReportsRequiredModuleMissingFromModulesTxt()
    {
        // Arrange
        var goMod = VendorFixture.ConsistentGoMod + "require example.com/c v0.3.0\n";
        using var fixture = new VendorFixture(goMod: goMod);

        // Act
        var diagnostics = fixture.Check();

        // Assert
        var missing = Single(diagnostics, "GOI1102");
        StringAssert.Contains(missing.Message, "example.com/c@v0.3.0");
        Assert.AreEqual(1, diagnostics.Count, Codes(diagnostics));
    }

    [TestMethod]
    public void Check_ReportsVersionMismatch()
    {
        // Arrange
        var goMod = VendorFixture.ConsistentGoMod
            .Replace("example.com/a v1.0.0\n", "example.com/a v1.0.1\n", StringComparison.Ordinal)
            .Replace("replace example.com/a v1.0.0", "replace example.com/a v1.0.1", StringComparison.Ordinal);
        using var fixture = new VendorFixture(goMod: goMod);

        // Act
        var diagnostics = fixture.Check();

        // Assert
        var mismatch = Single(diagnostics, "GOI1103");
        StringAssert.Contains(mismatch.Message, "example.com/a is required at v1.0.1");
        StringAssert.Contains(mismatch.Message, "has v1.0.0");
    }

    [TestMethod]
    public void Check_ReportsRequiredModuleNotMarkedExplicit()
    {
        // Arrange
        var modulesTxt = VendorFixture.ConsistentModulesTxt.Replace("## explicit; go 1.21", "## go 1.21", StringComparison.Ordinal);
        using var fixture = new VendorFixture(modulesTxt: modulesTxt);

        // Act
        var diagnostics = fixture.Check();

        // Assert
        var notExplicit = Single(diagnostics, "GOI1104");
        StringAssert.Contains(notExplicit.Message, "example.com/a@v1.0.0");
        Assert.AreEqual(1, diagnostics.Count, Codes(diagnostics));
    }

    [TestMethod]
    public void Check_ReportsExplicitModuleThatGoModDoesNotRequire()
    {
        // Arrange
        var modulesTxt = VendorFixture.ConsistentModulesTxt + "# example.com/extra v0.1.0\n## explicit; go 1.20\n";
        using var fixture = new VendorFixture(modulesTxt: modulesTxt);

        // Act
        var diagnostics = fixture.Check();

        // Assert
        var extra = Single(diagnostics, "GOI1105");
        StringAssert.Contains(extra.Message, "example.com/extra@v0.1.0");
        Assert.AreEqual(1, diagnostics.Count, Codes(diagnostics));
    }

    [TestMethod]
    public void Check_ReportsGoModReplacementMissingFromModulesTxt()
    {
        // Arrange: modules.txt from before 'replace example.com/b => ../b' was added.
        var modulesTxt = VendorFixture.ConsistentModulesTxt
            .Replace("# example.com/b v1.1.0 => ../b\n", "# example.com/b v1.1.0\n", StringComparison.Ordinal)
            .Replace("# example.com/b => ../b\n", "", StringComparison.Ordinal);
        using var fixture = new VendorFixture(modulesTxt: modulesTxt);

        // Act
        var diagnostics = fixture.Check();

        // Assert
        var replacement = Single(diagnostics, "GOI1106");
        StringAssert.Contains(replacement.Message, "example.com/b");
        StringAssert.Contains(replacement.Message, "../b");
        Assert.AreEqual(1, diagnostics.Count, Codes(diagnostics));
    }

    [TestMethod]
    public void Check_ReportsModulesTxtReplacementThatGoModDropped()
    {
        // Arrange: go.mod no longer replaces example.com/a, but modules.txt still does.
        var goMod = VendorFixture.ConsistentGoMod.Replace("replace example.com/a v1.0.0 => ../a\n", "", StringComparison.Ordinal);
        using var fixture = new VendorFixture(goMod: goMod);

        // Act
        var diagnostics = fixture.Check();

        // Assert
        var replacement = Single(diagnostics, "GOI1106");
        StringAssert.Contains(replacement.Message, "example.com/a@v1.0.0");
    }

    [TestMethod]
    public void Check_ReportsMissingPackageFolder()
    {
        // Arrange
        using var fixture = new VendorFixture();
        var folder = Path.Combine(fixture.VendorDirectory, "example.com", "a", "sub");
        Directory.Delete(folder);

        // Act
        var diagnostics = fixture.Check();

        // Assert
        var missing = Single(diagnostics, "GOI1107");
        StringAssert.Contains(missing.Message, "example.com/a/sub");
        StringAssert.Contains(missing.Message, folder);
        Assert.AreEqual(1, diagnostics.Count, Codes(diagnostics));
    }

    [TestMethod]
    public void Check_ReportsModuleNeedingNewerGoThanToolchain()
    {
        // Arrange
        var modulesTxt = VendorFixture.ConsistentModulesTxt.Replace("## explicit; go 1.21", "## explicit; go 1.99", StringComparison.Ordinal);
        using var fixture = new VendorFixture(modulesTxt: modulesTxt);

        // Act
        var diagnostics = fixture.Check("go1.23.5");

        // Assert
        var tooNew = Single(diagnostics, "GOI1108");
        StringAssert.Contains(tooNew.Message, "example.com/a@v1.0.0");
        StringAssert.Contains(tooNew.Message, "needs go 1.99");
        StringAssert.Contains(tooNew.Message, "1.23.5");
        Assert.AreEqual(1, diagnostics.Count, Codes(diagnostics));
    }

    [TestMethod]
    public void Check_SkipsGoVersionCheckWithoutToolchainVersion()
    {
        // Arrange
        var modulesTxt = VendorFixture.ConsistentModulesTxt.Replace("## explicit; go 1.21", "## explicit; go 1.99", StringComparison.Ordinal);
        using var fixture = new VendorFixture(modulesTxt: modulesTxt);

        // Act
        var diagnostics = fixture.Check(toolchain: null);

        // Assert
        Assert.AreEqual(0, diagnostics.Count, Codes(diagnostics));
    }

    [TestMethod]
    public void Check_AcceptsModuleNeedingExactlyTheToolchainsLanguageVersion()
    {
        // Arrange: go 1.23 is older than go1.23.0 in Go's order, so toolchain 1.23.0 builds it.
        var modulesTxt = VendorFixture.ConsistentModulesTxt.Replace("## explicit; go 1.21", "## explicit; go 1.23", StringComparison.Ordinal);
        using var fixture = new VendorFixture(modulesTxt: modulesTxt);

        // Act
        var diagnostics = fixture.Check("go1.23.0");

        // Assert
        Assert.AreEqual(0, diagnostics.Count, Codes(diagnostics));
    }

    [TestMethod]
    public void Check_PointsEveryDiagnosticAtModulesTxt()
    {
        // Arrange: several problems at once.
        var goMod = VendorFixture.ConsistentGoMod + "require example.com/c v0.3.0\n";
        var modulesTxt = VendorFixture.ConsistentModulesTxt
            .Replace("## explicit; go 1.21", "## go 1.99", StringComparison.Ordinal)
            + "# example.com/extra v0.1.0\n## explicit\nexample.com/extra\n";
        using var fixture = new VendorFixture(goMod, modulesTxt);

        // Act
        var diagnostics = fixture.Check();

        // Assert
        Assert.IsTrue(diagnostics.Count >= 4, Codes(diagnostics));
        foreach (var diagnostic in diagnostics)
        {
            Assert.AreEqual(fixture.ModulesTxtPath, diagnostic.File, diagnostic.ToString());
        }
    }
}
