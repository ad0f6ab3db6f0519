using System.Globalization;

namespace GoImage.IO;

/// <summary>
/// Names for temporary files and folders that say which process made them
/// (<c>&lt;target&gt;.&lt;guid&gt;.&lt;pid&gt;.tmp</c>), so a later run removes what a killed run left
/// behind without touching what a build running in parallel is still writing.
/// </summary>
public static class TempPaths
{
    // Leftovers from before the process id was in the name are removed once this old.
    private static readonly TimeSpan UnownedAge = TimeSpan.FromMinutes(10);

    public static string For(string target) =>
        string.Create(CultureInfo.InvariantCulture, $"{target}.{Guid.NewGuid():N}.{Environment.ProcessId}.tmp");

    /// <summary>Removes temporary files and folders in <paramref name="directory"/> whose prefix is <paramref name="prefix"/> and whose process is gone; returns how many.</summary>
    public static int RemoveStale(string directory, string prefix = "")
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var path in Directory.EnumerateFileSystemEntries(directory, prefix + "*.tmp*"))
        {
            if (!IsStale(path))
            {
                continue;
            }

            try
            {
                if (Directory.Exists(path) && FileNode.Of(path, followLinks: false).Kind == FileNodeKind.Directory)
                {
                    Directory.Delete(path, recursive: true);
                }
                else
                {
                    File.Delete(path);
                }

                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another run removed it first, or it is not ours to remove; either way it is not in the way.
            }
        }

        return removed;
    }

    private static bool IsStale(string path)
    {
        // <target>.<guid>.<pid>.tmp, or with ".old" after it for a layout being swapped out.
        var parts = Path.GetFileName(path).Split('.');
        var tmp = Array.LastIndexOf(parts, "tmp");
        if (tmp < 2)
        {
            return false;
        }

        if (int.TryParse(parts[tmp - 1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsGuid(parts[tmp - 2]))
        {
            return !IsRunning(pid);
        }

        return IsGuid(parts[tmp - 1]) && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > UnownedAge;
    }

    private static bool IsGuid(string text) => text.Length == 32 && text.All(Uri.IsHexDigit);

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
