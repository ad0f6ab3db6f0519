using GoImage.Diagnostics;
using GoImage.Tool.Commands;
using GoImage.Processes;

namespace GoImage.Tool.Scaffolding;

/// <summary>
/// The solution <c>goimage new</c> adds a project to: the one named with --solution, else the only .sln or
/// .slnx in the module root and the current folder. The project is added with <c>dotnet sln add</c>, so the
/// entry (type, solution folder, configurations) is exactly what the .NET SDK writes for any project.
/// </summary>
internal static class SolutionFile
{
    private static readonly string[] Extensions = [".sln", ".slnx"];

    /// <summary>The solution to use, or null for none; a named one must exist, several found ones are refused.</summary>
    public static string? Choose(string moduleRoot, string workingDirectory, string? requested, bool none)
    {
        if (none)
        {
            return null;
        }

        if (requested is not null)
        {
            var path = Path.GetFullPath(requested, workingDirectory);
            if (!File.Exists(path) || !IsSolution(path))
            {
                throw new CommandLineException(Diagnostic.ToolSolutionNotFound(requested));
            }

            return path;
        }

        var found = new[] { moduleRoot, workingDirectory }
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Where(IsSolution)
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return found switch
        {
            [] => null,
            [var only] => only,
            _ => throw new GoImageException(Diagnostic.ToolSeveralSolutions(string.Join(", ", found))),
        };
    }

    /// <summary>Runs <c>dotnet sln add</c>, then checks that the solution now lists the project (the CLI exits 0 on some refusals).</summary>
    public static void AddProject(string solution, string project)
    {
        var directory = Path.GetDirectoryName(solution)!;
        ProcessResult result;
        try
        {
            // The tool has no async caller here; the CLI call is short and has nothing to cancel.
            result = ProcessRunner.RunAsync(DotnetExecutable(), ["sln", solution, "add", project], directory,
                new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
                CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GoImageException(Diagnostic.ToolSolutionAddFailed(project, solution, e.Message));
        }

        if (result.ExitCode != 0 || !Lists(solution, project))
        {
            var said = string.Join(" ", result.StandardOutput.Split('\n').Concat(result.StandardErrorLines)
                .Select(l => l.Trim()).Where(l => l.Length > 0));
            throw new GoImageException(Diagnostic.ToolSolutionAddFailed(project, solution,
                said.Length > 0 ? said : $"dotnet sln add exited with code {result.ExitCode}"));
        }
    }

    /// <summary>True when the solution's text names the project's path relative to it ('/' in .slnx, '\' in .sln).</summary>
    public static bool Lists(string solution, string project)
    {
        var relative = Path.GetRelativePath(Path.GetDirectoryName(solution)!, project).Replace('\\', '/');
        return File.ReadAllText(solution).Replace('\\', '/').Contains($"\"{relative}\"", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSolution(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    // The dotnet that runs this tool: DOTNET_HOST_PATH when a dotnet CLI started us, else DOTNET_ROOT's, else PATH's.
    private static string DotnetExecutable()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, name)))
        {
            return Path.Combine(root, name);
        }

        return name;
    }
}
