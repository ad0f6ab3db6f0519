using GoImage.IO;

namespace GoImage.Layers;

/// <summary>
/// The folders a ContainerFile source may resolve into, every symlink followed: the repository
/// root (the nearest folder above the project holding .git, else the one holding go.mod, else the
/// project folder) and any ContainerFileAllowedRoots. A pull request cannot pull /etc/shadow or
/// ../secrets into an image by naming them or linking to them.
/// </summary>
public sealed class SourceRoots
{
    private readonly List<string> _roots;

    public SourceRoots(IEnumerable<string> roots)
    {
        _roots = roots.Select(r => FileNode.RealPath(r) ?? Path.GetFullPath(r))
            .Select(r => Path.TrimEndingDirectorySeparator(r))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    public IReadOnlyList<string> Roots => _roots;

    /// <summary>The repository root of <paramref name="projectDirectory"/> and the extra roots.</summary>
    public static SourceRoots For(string projectDirectory, IEnumerable<string> extraRoots) =>
        new(new[] { RepositoryRoot(projectDirectory) }.Concat(extraRoots.Where(r => r.Trim().Length > 0).Select(r => Path.GetFullPath(r.Trim(), projectDirectory))));

    public static string RepositoryRoot(string projectDirectory)
    {
        var start = Path.GetFullPath(projectDirectory);
        return Above(start, ".git") ?? Above(start, "go.mod") ?? start;
    }

    /// <summary>Whether a real (fully resolved) path is one of the roots or inside one.</summary>
    public bool Contain(string realPath) =>
        _roots.Any(r => realPath == r || realPath.StartsWith(r.EndsWith(Path.DirectorySeparatorChar) ? r : r + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    public override string ToString() => _roots.Count == 1 ? $"the repository root '{_roots[0]}'" : $"the allowed roots '{string.Join("', '", _roots)}'";

    private static string? Above(string directory, string marker)
    {
        for (var current = directory; current is not null; current = Path.GetDirectoryName(current))
        {
            if (File.Exists(Path.Combine(current, marker)) || Directory.Exists(Path.Combine(current, marker)))
            {
                return current;
            }
        }

        return null;
    }
}
