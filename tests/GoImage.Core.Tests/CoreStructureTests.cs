using System.Text.RegularExpressions;

namespace GoImage.Core.Tests;

/// <summary>
/// The core's shape, read from its sources: the folders form a one-way stack (a folder uses only folders below it),
/// and only the layout type knows how an OCI layout lays out its blobs.
/// </summary>
[TestClass]
public sealed partial class CoreStructureTests
{
    // Bottom to top; docs/architecture.md shows the same stack.
    private static readonly string[] Stack =
    [
        "Diagnostics", "IO", "Processes", "SourceControl",
        "Images", "Executables", "Go", "Layers", "Composition", "Layouts", "Registry", "Kubernetes", "Sbom", "Signing", "Inspection", "Verification",
    ];

    private static readonly string CoreSources = Path.Combine(RepositoryRoot(), "src", "GoImage.Core");

    [TestMethod]
    public void EveryCoreFolder_IsInTheStack()
    {
        var folders = Directory.EnumerateFiles(CoreSources, "*.cs", SearchOption.AllDirectories)
            .Select(FolderOf).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

        CollectionAssert.AreEquivalent(Stack.Order(StringComparer.Ordinal).ToList(), folders, "a new core folder needs its place in the stack (here and in docs/architecture.md)");
    }

    [TestMethod]
    public void EveryCoreFolder_UsesOnlyFoldersBelowIt()
    {
        var upward = new List<string>();
        foreach (var file in Directory.EnumerateFiles(CoreSources, "*.cs", SearchOption.AllDirectories))
        {
            var folder = FolderOf(file);
            if (folder is null)
            {
                continue;
            }

            var level = Array.IndexOf(Stack, folder);
            foreach (var used in UsedNamespaces(File.ReadAllText(file)))
            {
                var usedLevel = Array.IndexOf(Stack, used);
                if (usedLevel >= level && used != folder)
                {
                    upward.Add($"{Path.GetRelativePath(CoreSources, file)} uses {used}");
                }
            }
        }

        Assert.AreEqual(0, upward.Count, "uses that point up the stack:\n" + string.Join('\n', upward));
    }

    [TestMethod]
    public void OnlyTheLayoutType_KnowsTheBlobsFolder()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var knowing = sources
            .Where(f => BlobsShape().IsMatch(string.Join('\n', File.ReadLines(f).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)))))
            .Select(f => Path.GetRelativePath(RepositoryRoot(), f))
            .ToList();

        CollectionAssert.AreEqual(new[] { Path.Combine("src", "GoImage.Core", "Layouts", "OciLayout.cs") }, knowing);
    }

    [TestMethod]
    public void TestsOfACoreType_LiveInTheFolderOfThatType()
    {
        var testRoot = Path.Combine(RepositoryRoot(), "tests", "GoImage.Core.Tests");
        var sourceFolders = Directory.EnumerateFiles(CoreSources, "*.cs", SearchOption.AllDirectories)
            .Where(f => FolderOf(f) is not null)
            .ToLookup(f => Path.GetFileNameWithoutExtension(f), f => FolderOf(f)!);
        var misplaced = new List<string>();
        foreach (var test in Directory.EnumerateFiles(testRoot, "*Tests.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(testRoot, test).Split(Path.DirectorySeparatorChar);
            if (relative[0] is "bin" or "obj")
            {
                continue;
            }

            var type = Path.GetFileName(test)[..^"Tests.cs".Length];
            var folders = sourceFolders[type].ToList();
            if (folders.Count > 0 && !folders.Contains(relative.Length > 1 ? relative[0] : ""))
            {
                misplaced.Add($"{string.Join('/', relative)} tests {folders[0]}/{type}.cs");
            }
        }

        Assert.AreEqual(0, misplaced.Count, "tests mirror src/GoImage.Core folder by folder:\n" + string.Join('\n', misplaced));
    }

    // A using directive or a qualified name (GoImage.Registry.X) in code; the file's own namespace is not a use.
    private static IEnumerable<string> UsedNamespaces(string source)
    {
        var code = string.Join('\n', source.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal) && !l.TrimStart().StartsWith("namespace ", StringComparison.Ordinal)));
        return QualifiedName().Matches(code).Select(m => m.Groups[1].Value).Where(Stack.Contains).Distinct();
    }

    private static string? FolderOf(string file)
    {
        var relative = Path.GetRelativePath(CoreSources, file).Split(Path.DirectorySeparatorChar);
        return relative.Length > 1 && relative[0] is not ("obj" or "bin") ? relative[0] : null;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GoImage.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("GoImage.Sdk.sln not found above the test assembly");
    }

    [GeneratedRegex(@"\bGoImage\.([A-Z][A-Za-z]*)\b")]
    private static partial Regex QualifiedName();

    // "blobs" followed by a path separator or a Path.Combine argument: the layout's on-disk shape.
    [GeneratedRegex(@"""blobs(/|""\s*,)")]
    private static partial Regex BlobsShape();
}
