using GoImage.Diagnostics;
using GoImage.Processes;

namespace GoImage.Go;

/// <summary>
/// Finds the Go toolchain without running it: the GoRoot property, then GOROOT, then <c>go</c> on PATH
/// (following symlinks, so /usr/bin/go → /usr/lib/go-1.23/bin/go gives the right root; only absolute PATH
/// folders, see <see cref="ProgramSearch"/>).
/// </summary>
public static class GoToolchainLocator
{
    public static GoToolchain Locate(string? goRootProperty, string? goRootEnvironment, string? path)
    {
        var tried = new List<string>();
        if (!string.IsNullOrWhiteSpace(goRootProperty))
        {
            return FromRoot(goRootProperty, "the GoRoot property", tried)
                ?? throw new GoImageException(Diagnostic.GoNotFound(string.Join("; ", tried)));
        }

        if (!string.IsNullOrWhiteSpace(goRootEnvironment))
        {
            return FromRoot(goRootEnvironment, "the GOROOT environment variable", tried)
                ?? throw new GoImageException(Diagnostic.GoNotFound(string.Join("; ", tried)));
        }

        if (ProgramSearch.FindOnPath("go", path) is { } candidate)
        {
            var target = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(candidate);
            var root = Path.GetDirectoryName(Path.GetDirectoryName(target))!;
            return new GoToolchain(root, target, GoVersion.ReadGoRootVersionFile(root), $"'go' on PATH ({candidate})");
        }

        tried.Add("GoRoot is not set, GOROOT is not set, and no 'go' is on PATH");
        throw new GoImageException(Diagnostic.GoNotFound(string.Join("; ", tried)));
    }

    private static string ExecutableFileName => OperatingSystem.IsWindows() ? "go.exe" : "go";

    private static GoToolchain? FromRoot(string root, string source, List<string> tried)
    {
        var full = Path.GetFullPath(root);
        var executable = Path.Combine(full, "bin", ExecutableFileName);
        if (!File.Exists(executable))
        {
            tried.Add($"{source} names '{full}', which has no bin/{ExecutableFileName}");
            return null;
        }

        return new GoToolchain(full, executable, GoVersion.ReadGoRootVersionFile(full), source);
    }

    /// <summary>
    /// Checks the toolchain against go.mod's <c>go</c> line (an error: Go refuses the build) and
    /// <c>toolchain</c> line (a warning: with GOTOOLCHAIN=local Go treats it as a preference).
    /// </summary>
    public static IReadOnlyList<Diagnostic> CheckModuleRequirements(GoModFile goMod, GoToolchain toolchain)
    {
        var found = toolchain.Version;
        if (found is null)
        {
            return [];
        }

        var problems = new List<Diagnostic>();
        if (goMod.GoDirective is { } go)
        {
            var needed = GoVersion.Parse(go);
            if (needed is null)
            {
                problems.Add(Diagnostic.InvalidGoVersion(go, goMod.FilePath) with { File = goMod.FilePath, Line = goMod.GoDirectiveLine, Column = 1 });
            }
            else if (needed > found)
            {
                problems.Add(Diagnostic.GoVersionTooOld(goMod.FilePath, $"go {go}", toolchain.Executable, toolchain.VersionName, "go")
                    with { File = goMod.FilePath, Line = goMod.GoDirectiveLine, Column = 1 });
            }
        }

        if (goMod.ToolchainDirective is { } name && name != "default")
        {
            var wanted = GoVersion.Parse(name);
            if (wanted is null)
            {
                problems.Add(Diagnostic.InvalidGoVersion(name, goMod.FilePath) with { File = goMod.FilePath, Line = goMod.ToolchainDirectiveLine, Column = 1 });
            }
            else if (wanted > found)
            {
                problems.Add(Diagnostic.GoToolchainPreferred(goMod.FilePath, name, toolchain.VersionName)
                    with { File = goMod.FilePath, Line = goMod.ToolchainDirectiveLine, Column = 1 });
            }
        }

        return problems;
    }
}
