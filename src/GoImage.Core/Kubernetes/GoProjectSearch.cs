namespace GoImage.Kubernetes;

/// <summary>
/// Finds the project a <c>goimage://&lt;name&gt;</c> names: a <c>&lt;name&gt;.goproj</c> under the given folders
/// (the solution's, the project's), skipping build output, dependencies and hidden folders.
/// </summary>
public static class GoProjectSearch
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules", "vendor", "testdata" };

    /// <summary>Every distinct <c>&lt;name&gt;.goproj</c> under <paramref name="roots"/>, full paths sorted ordinally.</summary>
    public static IReadOnlyList<string> Find(string name, IEnumerable<string> roots)
    {
        var fileName = name + ".goproj";
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in roots.Where(Directory.Exists).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            Walk(root, fileName, found);
        }

        return [.. found];
    }

    /// <summary>True for a name a project file can have: no path separators, no leading dot, not empty.</summary>
    public static bool IsProjectName(string name) =>
        name.Length > 0 && name[0] != '.' && name.IndexOfAny(['/', '\\', ':', '\0']) < 0 && name.Trim() == name;

    private static void Walk(string folder, string fileName, SortedSet<string> found)
    {
        var candidate = Path.Combine(folder, fileName);
        if (File.Exists(candidate))
        {
            found.Add(candidate);
        }

        IEnumerable<string> children;
        try
        {
            children = Directory.EnumerateDirectories(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder we may not read holds no project of ours.
            return;
        }

        foreach (var child in children)
        {
            var childName = Path.GetFileName(child);
            if (childName.StartsWith('.') || SkippedFolders.Contains(childName) || new DirectoryInfo(child).LinkTarget is not null)
            {
                continue;
            }

            Walk(child, fileName, found);
        }
    }
}
