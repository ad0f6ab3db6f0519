using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class VendorManifestTests
{
    private static VendorManifest ParseConsistent() =>
        VendorManifest.Parse(VendorFixture.ConsistentModulesTxt.Split('\n'));

    [TestMethod]
    public void Parse_ReadsEveryModuleLineInOrder()
    {
        // Act
        var manifest = ParseConsistent();

        // Assert
        CollectionAssert.AreEqual(
            new[]
            {
                new ModuleVersion("example.com/a", "v1.0.0"),
                new ModuleVersion("example.com/b", "v1.1.0"),
                new ModuleVersion("example.com/b", null),
            },
            manifest.Modules.Select(m => m.Module).ToArray());
    }

    [TestMethod]
    public void Parse_ReadsExplicitAndGoAnnotations()
    {
        // Act
        var a = ParseConsistent().Modules[0];

        // Assert
        Assert.IsTrue(a.Explicit);
        Assert.AreEqual("1.21", a.GoVersion);
    }

    [TestMethod]
    public void Parse_ReadsPackagesOfEachModule()
    {
        // Act
        var manifest = ParseConsistent();

        // Assert
        CollectionAssert.AreEqual(new[] { "example.com/a", "example.com/a/sub" }, manifest.Modules[0].Packages);
        CollectionAssert.AreEqual(new[] { "example.com/b" }, manifest.Modules[1].Packages);
        Assert.AreEqual(0, manifest.Modules[2].Packages.Count);
    }

    [TestMethod]
    public void Parse_ReadsDirectoryReplacementWithoutVersion()
    {
        // Act
        var a = ParseConsistent().Modules[0];

        // Assert
        Assert.AreEqual(new ModuleVersion("../a", null), a.Replacement);
    }

    [TestMethod]
    public void Parse_ReadsWildcardReplacementLine()
    {
        // Act
        var wildcard = ParseConsistent().Modules[2];

        // Assert
        Assert.IsNull(wildcard.Module.Version);
        Assert.AreEqual(new ModuleVersion("../b", null), wildcard.Replacement);
        Assert.IsFalse(wildcard.Explicit);
    }

    [TestMethod]
    public void Parse_ReadsVersionedModuleReplacement()
    {
        // Act
        var manifest = VendorManifest.Parse(["# example.com/old v1.0.0 => example.com/new v2.0.0", "## explicit", "example.com/old"]);

        // Assert
        var entry = manifest.Modules.Single();
        Assert.AreEqual(new ModuleVersion("example.com/old", "v1.0.0"), entry.Module);
        Assert.AreEqual(new ModuleVersion("example.com/new", "v2.0.0"), entry.Replacement);
    }

    [TestMethod]
    public void Parse_LeavesModuleWithoutAnnotationsImplicit()
    {
        // Act
        var manifest = VendorManifest.Parse(["# example.com/x v0.1.0", "example.com/x"]);

        // Assert
        var entry = manifest.Modules.Single();
        Assert.IsFalse(entry.Explicit);
        Assert.IsNull(entry.GoVersion);
        Assert.IsNull(entry.Replacement);
    }

    [TestMethod]
    public void Read_ParsesFileFromDisk()
    {
        // Arrange
        using var fixture = new VendorFixture();

        // Act
        var manifest = VendorManifest.Read(fixture.ModulesTxtPath);

        // Assert
        Assert.AreEqual(3, manifest.Modules.Count);
        Assert.AreEqual("1.22", manifest.Modules[1].GoVersion);
    }
}
