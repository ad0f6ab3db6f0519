using System.ComponentModel;
using System.Globalization;
using GoImage.Diagnostics;
using GoImage.Processes;

namespace GoImage.SourceControl;

/// <summary>
/// The committer time of HEAD (<c>git log -1 --format=%ct</c>, the SOURCE_DATE_EPOCH of reproducible-builds.org): an
/// image's default creation time in a git repository. Outside a repository git is never started.
/// </summary>
public static class GitCommitTime
{
    /// <summary>The folder itself or the nearest folder above it that holds <c>.git</c> (a folder, or a worktree's file); null outside a repository.</summary>
    public static string? FindRepositoryRoot(string directory)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(directory)); folder is not null; folder = folder.Parent)
        {
            var git = Path.Combine(folder.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// HEAD's committer time in seconds since 1970, or null outside a git repository. A repository whose time cannot be read
    /// (no git installed, no commit yet, a refused ownership) gives null and a warning saying why.
    /// </summary>
    public static async Task<long?> ReadAsync(string directory, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        var root = FindRepositoryRoot(directory);
        if (root is null)
        {
            return null;
        }

        ProcessResult result;
        try
        {
            // No pager, no optional locks: a read that never waits on a terminal or writes into the repository.
            result = await ProcessRunner.RunAsync(
                "git",
                ["--no-pager", "--no-optional-locks", "log", "-1", "--format=%ct", "HEAD"],
                directory,
                new Dictionary<string, string?> { ["GIT_TERMINAL_PROMPT"] = "0", ["TZ"] = "UTC" },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            report(Diagnostic.GitNotStarted(root, e.Message));
            return null;
        }

        var text = result.StandardOutput.Trim();
        if (result.ExitCode == 0 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        var why = string.Join(' ', result.StandardErrorLines.Select(l => l.Trim()).Where(l => l.Length > 0));
        report(Diagnostic.CommitTimeUnreadable(root, why.Length > 0 ? why : $"git log exited with code {result.ExitCode}"));
        return null;
    }
}
