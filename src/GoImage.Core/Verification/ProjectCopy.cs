using System.Xml.Linq;
using GoImage.Diagnostics;

namespace GoImage.Verification;

/// <summary>
/// A copy of a project for an isolated build: the project's folder without bin/ and obj/ (so no earlier
/// output or cache is reused), with the global.json and NuGet.config of its parent folders beside it so
/// the same SDK and feeds resolve.
/// </summary>
public static class ProjectCopy
{
    private static readonly string[] SkippedFolders = ["bin", "obj"];

    private static readonly string[] NuGetConfigNames = ["nuget.config", "NuGet.config", "NuGet.Config"];

    /// <summary>Copies the project of <paramref name="projectFile"/> into <paramref name="root"/>; returns the copied project file.</summary>
    public static string Create(string projectFile, string root)
    {
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        var target = Path.Combine(root, Path.GetFileName(projectDirectory));
        try
        {
            CopyTree(projectDirectory, target);
            var parent = Directory.GetParent(projectDirectory);
            if (Nearest(parent, ["global.json"]) is { } globalJson && !File.Exists(Path.Combine(target, "global.json")))
            {
                File.Copy(globalJson, Path.Combine(root, "global.json"));
            }

            if (!NuGetConfigNames.Any(n => File.Exists(Path.Combine(target, n))) && Nearest(parent, NuGetConfigNames) is { } nugetConfig)
            {
                File.WriteAllText(Path.Combine(root, "NuGet.config"), AbsoluteSources(nugetConfig));
            }

            LinkRepository(projectDirectory, root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            throw new GoImageException(Diagnostic.Error("VerifyCopyFailed", root, e.Message));
        }

        return Path.Combine(target, Path.GetFileName(projectFile));
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
            if (SkippedFolders.Contains(name, StringComparer.Ordinal))
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
