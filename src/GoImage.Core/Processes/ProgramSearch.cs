namespace GoImage.Processes;

/// <summary>
/// Finds a program the way a shell does, in the folders of a PATH value, first match wins. The one PATH
/// search of the core: the Go toolchain and credential helpers are found with it.
/// </summary>
public static class ProgramSearch
{
    /// <summary>The full path of <paramref name="program"/> in the first PATH folder that holds it, or null.</summary>
    /// <remarks>
    /// Only absolute PATH entries count: a relative one ("", ".", "bin") would resolve against whatever
    /// folder the build runs in, so a project could plant the program (Go's exec.LookPath refuses them too).
    /// </remarks>
    public static string? FindOnPath(string program, string? pathVariable)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program } : [program];
        foreach (var folder in (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathFullyQualified(folder))
            {
                continue;
            }

            foreach (var fileName in names)
            {
                var candidate = Path.Combine(folder, fileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
