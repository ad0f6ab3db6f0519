using GoImage.Diagnostics;
using GoImage.Tool.Commands;

namespace GoImage.Tool.Scaffolding;

/// <summary>
/// Finds the module's <c>package main</c> folders the way <c>go build ./...</c> would see them, without
/// running Go: the package clause of each non-test .go file, skipping what Go skips (vendor, testdata,
/// folders starting with '.' or '_', nested modules) and files that opt out with <c>//go:build ignore</c>.
/// </summary>
internal static class MainPackageFinder
{
    /// <summary>Every main package folder, relative to <paramref name="moduleRoot"/> with '/' separators ("." for the root), sorted.</summary>
    public static IReadOnlyList<string> FindAll(string moduleRoot)
    {
        var found = new List<string>();
        Visit(moduleRoot, ".", found);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>
    /// The folder to build: <paramref name="requested"/> when given (it must hold a main package), else the
    /// module root when it is one, else the only main package below it.
    /// </summary>
    public static string Choose(string moduleRoot, string? requested)
    {
        if (requested is not null)
        {
            var relative = Normalize(requested);
            var folder = Path.GetFullPath(Path.Combine(moduleRoot, relative));
            var inside = !Path.GetRelativePath(moduleRoot, folder).StartsWith("..", StringComparison.Ordinal);
            if (!inside || !Directory.Exists(folder) || !IsMainPackage(folder))
            {
                throw new CommandLineException(Diagnostic.ToolPackageNotMain(requested, moduleRoot));
            }

            return relative;
        }

        var all = FindAll(moduleRoot);
        return all switch
        {
            [] => throw new GoImageException(Diagnostic.ToolMainPackageNotFound(moduleRoot)),
            _ when all.Contains(".") => ".",
            [var only] => only,
            _ => throw new GoImageException(Diagnostic.ToolSeveralMainPackages(moduleRoot, string.Join(", ", all), all[0])),
        };
    }

    /// <summary>True when a buildable .go file in <paramref name="folder"/> says <c>package main</c>.</summary>
    public static bool IsMainPackage(string folder) =>
        Directory.EnumerateFiles(folder, "*.go")
            .Where(f => !f.EndsWith("_test.go", StringComparison.Ordinal))
            .Select(f => GoPackageClause.Read(File.ReadLines(f)))
            .Any(clause => clause is { Name: "main", Ignored: false });

    private static void Visit(string folder, string relative, List<string> found)
    {
        if (IsMainPackage(folder))
        {
            found.Add(relative);
        }

        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(child);
            if (name is "vendor" or "testdata" || name.StartsWith('.') || name.StartsWith('_') || File.Exists(Path.Combine(child, "go.mod")))
            {
                continue;
            }

            Visit(child, relative == "." ? name : $"{relative}/{name}", found);
        }
    }

    private static string Normalize(string requested)
    {
        var text = requested.Replace('\\', '/').Trim().TrimEnd('/');
        while (text.StartsWith("./", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return text.Length == 0 ? "." : text;
    }
}
