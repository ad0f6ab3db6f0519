using System.Xml.Linq;
using GoImage.Diagnostics;

namespace GoImage.Verification;

/// <summary>
/// A copy of a project for an isolated build: the project's folder, or its whole module when the project sits
/// below go.mod (cmd/api/api.goproj builds a package of the module), without the projects' bin/ and obj/ (so no
/// earlier output or cache is reused), with the global.json and NuGet.config of the folders above beside it so
/// the same SDK and feeds resolve.
/// </summary>
public static class ProjectCopy
{
    private static readonly string[] SkippedFolders = ["bin", "obj"];

    private static readonly string[] NuGetConfigNames = ["nuget.config", "NuGet.config", "NuGet.Config"];

    /// <summary>Copies the project of <paramref name="projectFile"/> into <paramref name="root"/>; returns the copied project file.</summary>
    public static string Create(string projectFile, string root)
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
        var source = ModuleRoot(projectDirectory) ?? projectDirectory;
        var target = Path.Combine(root, Path.GetFileName(source));
        try
        {
            CopyTree(source, target);
            var above = Directory.GetParent(source);
            if (Nearest(above, ["global.json"]) is { } globalJson && !CopiedAlong(projectDirectory, source, ["global.json"]))
            {
                File.Copy(globalJson, Path.Combine(root, "global.json"));
            }

            if (!CopiedAlong(projectDirectory, source, NuGetConfigNames) && Nearest(above, NuGetConfigNames) is { } nugetConfig)
            {
                File.WriteAllText(Path.Combine(root, "NuGet.config"), AbsoluteSources(nugetConfig));
            }

            LinkRepository(source, root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            throw new GoImageException(Diagnostic.VerifyCopyFailed(root, e.Message));
        }

        return Path.Combine(target, Path.GetRelativePath(source, Path.GetFullPath(projectFile)));
    }

    /// <summary>The nearest folder at or above the project holding go.mod, or null (the project folder is copied alone).</summary>
    private static string? ModuleRoot(string projectDirectory) =>
        Nearest(new DirectoryInfo(projectDirectory), ["go.mod"]) is { } goMod ? Path.GetDirectoryName(goMod) : null;

    /// <summary>Whether one of the files sits in a folder from the project up to the copied root, so the copy has it.</summary>
    private static bool CopiedAlong(string projectDirectory, string copiedRoot, string[] names)
    {
        for (var directory = new DirectoryInfo(projectDirectory); directory is not null; directory = directory.Parent)
        {
            if (names.Any(n => File.Exists(Path.Combine(directory.FullName, n))))
            {
                return true;
            }

            if (string.Equals(directory.FullName, copiedRoot, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The config's text with relative feed and folder paths made absolute: they are relative to the
    /// config's own folder, which the copy does not sit in.
    /// </summary>
    public static string AbsoluteSources(string nugetConfig)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(nugetConfig))!;
        var document = XDocument.Load(nugetConfig, LoadOptions.PreserveWhitespace);
        foreach (var add in document.Descendants("add"))
        {
            var value = add.Attribute("value");
            var section = add.Parent?.Name.LocalName;
            var isPath = section is "packageSources" or "fallbackPackageFolders"
                || (section == "config" && add.Attribute("key")?.Value is "globalPackagesFolder" or "repositoryPath");
            if (isPath && value is not null && !value.Value.Contains("://", StringComparison.Ordinal) && !Path.IsPathRooted(value.Value)
                && !value.Value.StartsWith('%') && !value.Value.StartsWith('$'))
            {
                value.Value = Path.GetFullPath(Path.Combine(folder, value.Value));
            }
        }

        return document.Declaration + document.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// When the project sits below its repository's root, the copy gets a <c>.git</c> file naming the original git folder
    /// (as a submodule has): the commit, tags and commit time the project builds with (SourceRevisionId, MinVer, ...) are
    /// the copy's too, without copying the history. A project at the root took its .git folder along already.
    /// </summary>
    public static void LinkRepository(string projectDirectory, string root)
    {
        var repository = SourceControl.GitCommitTime.FindRepositoryRoot(projectDirectory);
        if (repository is null || string.Equals(Path.GetFullPath(repository), Path.GetFullPath(projectDirectory), StringComparison.Ordinal))
        {
            return;
        }

        var git = Path.Combine(repository, ".git");
        var gitDirectory = Directory.Exists(git) ? git : GitFileTarget(git);
        if (gitDirectory is not null)
        {
            File.WriteAllText(Path.Combine(root, ".git"), $"gitdir: {gitDirectory}\n");
        }
    }

    /// <summary>The folder a worktree's or submodule's <c>.git</c> file names, made absolute.</summary>
    private static string? GitFileTarget(string gitFile)
    {
        var line = File.ReadLines(gitFile).FirstOrDefault(l => l.StartsWith("gitdir:", StringComparison.Ordinal));
        return line is null ? null : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(gitFile)!, line["gitdir:".Length..].Trim()));
    }

    private static string? Nearest(DirectoryInfo? start, string[] names)
    {
        for (var directory = start; directory is not null; directory = directory.Parent)
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory.FullName, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            // Only a project's own bin/ and obj/: a Go package may be named bin.
            if (SkippedFolders.Contains(name, StringComparer.Ordinal) && Directory.EnumerateFiles(from, "*.goproj").Any())
            {
                continue;
            }

            // A symlinked folder is recreated as a link; following it could copy a whole tree twice or loop.
            var info = new DirectoryInfo(directory);
            if (info.LinkTarget is { } link)
            {
                Directory.CreateSymbolicLink(Path.Combine(to, name), link);
                continue;
            }

            CopyTree(directory, Path.Combine(to, name));
        }
    }
}
