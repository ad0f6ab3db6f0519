using System.Text.Json;

namespace GoImage.Go;

/// <summary>
/// The files a Go build reads outside the standard library, from <c>go list -deps -json</c>: every
/// .go file in the folders of the local and vendored packages (so that a file a build tag now
/// includes counts), embedded files, and the module files.
/// </summary>
public sealed class GoInputSet
{
    public SortedSet<string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Package folders: a source file Go would compile, added or removed there, changes the build.</summary>
    public SortedSet<string> PackageDirectories { get; } = new(StringComparer.Ordinal);

    /// <summary>Folders holding embedded files: any entry added or removed there may change what //go:embed matches.</summary>
    public SortedSet<string> EmbedDirectories { get; } = new(StringComparer.Ordinal);

    /// <summary>Programs whose identity (size and time) decides the binaries: the C compilers cgo and pie run.</summary>
    public SortedSet<string> Programs { get; } = new(StringComparer.Ordinal);

    // What go list names per package that go build reads: Go files, cgo's C/C++/assembly/header files, syso objects.
    private static readonly string[] SourceLists =
        ["GoFiles", "CgoFiles", "IgnoredGoFiles", "EmbedFiles", "CFiles", "CXXFiles", "HFiles", "SFiles", "MFiles", "FFiles", "SwigFiles", "SwigCXXFiles", "SysoFiles"];

    /// <summary>Adds a program the build ran, following symlinks: /usr/bin/gcc is a link to the versioned compiler.</summary>
    public void AddProgram(string path)
    {
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        Programs.Add(target);
    }

    public void AddModuleFiles(string moduleDirectory)
    {
        foreach (var name in new[] { "go.mod", "go.sum", "go.work", "go.work.sum", Path.Combine("vendor", "modules.txt") })
        {
            var file = Path.Combine(moduleDirectory, name);
            if (File.Exists(file))
            {
                Files.Add(file);
            }
        }
    }

    /// <summary>Adds the packages of one <c>go list -deps -json</c> output (a stream of JSON objects).</summary>
    public void AddGoListOutput(string output, string moduleDirectory)
    {
        var moduleRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(moduleDirectory)) + Path.DirectorySeparatorChar;
        foreach (var json in SplitObjects(output))
        {
            using var doc = JsonDocument.Parse(json);
            var package = doc.RootElement;
            if (package.TryGetProperty("Standard", out var standard) && standard.GetBoolean())
            {
                continue;
            }

            // Packages in the read-only module cache never change under a fixed version; those in the
            // module's tree (its own, vendor/) or in a directory replacement (no version) can.
            var dir = package.GetProperty("Dir").GetString()!;
            var inTree = (dir + Path.DirectorySeparatorChar).StartsWith(moduleRoot, StringComparison.Ordinal);
            if (!inTree && InModuleCache(package))
            {
                continue;
            }

            PackageDirectories.Add(dir);
            foreach (var list in SourceLists)
            {
                if (!package.TryGetProperty(list, out var names))
                {
                    continue;
                }

                foreach (var name in names.EnumerateArray())
                {
                    var file = Path.GetFullPath(Path.Combine(dir, name.GetString()!));
                    Files.Add(file);
                    if (list == "EmbedFiles")
                    {
                        EmbedDirectories.Add(Path.GetDirectoryName(file)!);
                    }
                }
            }
        }
    }

    // A versioned module lives in the module cache, unless a replace points it at a local folder
    // (a replacement without a version); such folders are edited like the main module.
    private static bool InModuleCache(JsonElement package)
    {
        if (!package.TryGetProperty("Module", out var module) || !module.TryGetProperty("Version", out _))
        {
            return false;
        }

        return !module.TryGetProperty("Replace", out var replace) || replace.TryGetProperty("Version", out _);
    }

    // go list -json prints one object after another, each closing with a "}" alone on a line.
    private static IEnumerable<string> SplitObjects(string output)
    {
        var start = 0;
        while (start < output.Length)
        {
            var end = output.IndexOf("\n}\n", start, StringComparison.Ordinal);
            if (end < 0)
            {
                var rest = output[start..].Trim();
                if (rest.Length > 0)
                {
                    yield return rest;
                }

                yield break;
            }

            yield return output[start..(end + 2)];
            start = end + 3;
        }
    }
}
