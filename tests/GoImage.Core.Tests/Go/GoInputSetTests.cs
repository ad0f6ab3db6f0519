using System.Text.Json;
using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class GoInputSetTests
{
    private const string ModuleDirectory = "/src/app";

    private static string Json(string value) => JsonSerializer.Serialize(value);

    // What 'go list -deps -json=...' prints: one indented object after another, each '}' alone on its line.
    private static string GoListStream(params string[] objects) => string.Join("", objects.Select(o => o.Trim() + "\n"));

    private static string StandardPackage() => $$"""
        {
        	"Dir": {{Json("/usr/lib/go-1.23/src/fmt")}},
        	"Standard": true,
        	"GoFiles": [
        		"doc.go",
        		"print.go"
        	]
        }
        """;

    private static string MainPackage(string dir) => $$"""
        {
        	"Dir": {{Json(dir)}},
        	"GoFiles": [
        		"main.go",
        		"server.go"
        	],
        	"EmbedFiles": [
        		"static/index.html"
        	],
        	"Module": {
        		"Path": "example.com/app",
        		"Main": true,
        		"Dir": {{Json(ModuleDirectory)}},
        		"GoMod": {{Json(ModuleDirectory + "/go.mod")}},
        		"GoVersion": "1.22"
        	}
        }
        """;

    private static string CachedPackage() => $$"""
        {
        	"Dir": {{Json("/root/go/pkg/mod/example.com/lib@v1.4.0")}},
        	"GoFiles": [
        		"lib.go"
        	],
        	"Module": {
        		"Path": "example.com/lib",
        		"Version": "v1.4.0",
        		"Dir": {{Json("/root/go/pkg/mod/example.com/lib@v1.4.0")}}
        	}
        }
        """;

    // As Go 1.23 prints it for 'replace example.com/lib v1.4.0 => ../lib': Module keeps the required
    // version; only Module.Replace, a folder, has none.
    private static string DirectoryReplacedPackage() => $$"""
        {
        	"Dir": {{Json("/src/lib")}},
        	"Module": {
        		"Path": "example.com/lib",
        		"Version": "v1.4.0",
        		"Replace": {
        			"Path": "../lib",
        			"Dir": {{Json("/src/lib")}},
        			"GoMod": {{Json("/src/lib/go.mod")}},
        			"GoVersion": "1.21"
        		},
        		"Dir": {{Json("/src/lib")}},
        		"GoMod": {{Json("/src/lib/go.mod")}},
        		"GoVersion": "1.21"
        	},
        	"GoFiles": [
        		"lib.go"
        	]
        }
        """;

    [TestMethod]
    public void AddGoListOutput_RecordsMainModuleFilesAsFullPaths()
    {
        // Arrange
        var inputs = new GoInputSet();
        var output = GoListStream(StandardPackage(), MainPackage("/src/app/cmd/api"));

        // Act
        inputs.AddGoListOutput(output, ModuleDirectory);

        // Assert
        CollectionAssert.AreEqual(
            new[] { "/src/app/cmd/api/main.go", "/src/app/cmd/api/server.go", "/src/app/cmd/api/static/index.html" },
            inputs.Files.ToArray());
    }

    [TestMethod]
    public void AddGoListOutput_RecordsPackageAndEmbedDirectories()
    {
        // Arrange
        var inputs = new GoInputSet();
        var output = GoListStream(StandardPackage(), MainPackage("/src/app/cmd/api"));

        // Act
        inputs.AddGoListOutput(output, ModuleDirectory);

        // Assert
        CollectionAssert.AreEqual(new[] { "/src/app/cmd/api" }, inputs.PackageDirectories.ToArray());
        CollectionAssert.AreEqual(new[] { "/src/app/cmd/api/static" }, inputs.EmbedDirectories.ToArray());
    }

    [TestMethod]
    public void AddGoListOutput_SkipsStandardLibrary()
    {
        // Arrange
        var inputs = new GoInputSet();

        // Act
        inputs.AddGoListOutput(GoListStream(StandardPackage()), ModuleDirectory);

        // Assert
        Assert.AreEqual(0, inputs.Files.Count, string.Join(", ", inputs.Files));
        Assert.AreEqual(0, inputs.PackageDirectories.Count + inputs.EmbedDirectories.Count);
    }

    [TestMethod]
    public void AddGoListOutput_SkipsVersionedPackageOutsideModule()
    {
        // Arrange
        var inputs = new GoInputSet();
        var output = GoListStream(CachedPackage(), MainPackage(ModuleDirectory));

        // Act
        inputs.AddGoListOutput(output, ModuleDirectory);

        // Assert
        Assert.IsFalse(inputs.Files.Any(f => f.Contains("/pkg/mod/", StringComparison.Ordinal)), string.Join(", ", inputs.Files));
        Assert.IsFalse(inputs.PackageDirectories.Any(d => d.Contains("/pkg/mod/", StringComparison.Ordinal)));
        CollectionAssert.Contains(inputs.Files.ToArray(), "/src/app/main.go");
    }

    [TestMethod]
    public void AddGoListOutput_KeepsDirectoryReplacementOutsideModule()
    {
        // Arrange: 'replace example.com/lib => ../lib'; go list reports Module.Version v1.4.0 and Module.Replace.
        var inputs = new GoInputSet();

        // Act
        inputs.AddGoListOutput(GoListStream(DirectoryReplacedPackage()), ModuleDirectory);

        // Assert
        CollectionAssert.Contains(inputs.Files.ToArray(), "/src/lib/lib.go");
    }

    [TestMethod]
    public void AddGoListOutput_DoesNotMistakeSiblingFolderForModuleTree()
    {
        // Arrange: /src/app-tools starts with /src/app but is not inside it.
        var inputs = new GoInputSet();
        var sibling = CachedPackage().Replace("/root/go/pkg/mod/example.com/lib@v1.4.0", "/src/app-tools", StringComparison.Ordinal);

        // Act
        inputs.AddGoListOutput(GoListStream(sibling), ModuleDirectory);

        // Assert
        Assert.AreEqual(0, inputs.Files.Count, string.Join(", ", inputs.Files));
    }

    [TestMethod]
    public void AddModuleFiles_AddsOnlyExistingModuleFiles()
    {
        // Arrange
        using var dir = new TempDirectory();
        var goMod = dir.Write("go.mod", "module m\n");
        var modulesTxt = dir.Write("vendor/modules.txt", "");
        var inputs = new GoInputSet();

        // Act
        inputs.AddModuleFiles(dir.Path);

        // Assert
        CollectionAssert.AreEquivalent(new[] { goMod, modulesTxt }, inputs.Files.ToArray());
    }
}
