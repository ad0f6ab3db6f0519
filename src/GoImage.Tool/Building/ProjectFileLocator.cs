using GoImage.Diagnostics;
using GoImage.Tool.Commands;

namespace GoImage.Tool.Building;

/// <summary>
/// Which project <c>goimage build|publish|verify [project]</c> means: a .goproj file as given, or the one
/// .goproj in a folder (the current one by default). Every failure is about the argument, so a
/// <see cref="CommandLineException"/> (exit code 2).
/// </summary>
internal static class ProjectFileLocator
{
    /// <param name="command">The command, named in the messages' examples (build, publish, verify).</param>
    public static string Find(string currentDirectory, string? argument, string command)
    {
        var path = Path.GetFullPath(string.IsNullOrEmpty(argument) ? "." : argument, currentDirectory);
        if (File.Exists(path))
        {
            return path.EndsWith(".goproj", StringComparison.OrdinalIgnoreCase)
                ? path
                : throw new CommandLineException(Diagnostic.ToolProjectMissing(argument ?? path));
        }

        if (!Directory.Exists(path))
        {
            throw new CommandLineException(Diagnostic.ToolProjectMissing(argument ?? path));
        }

        var projects = Directory.GetFiles(path, "*.goproj").Order(StringComparer.Ordinal).ToArray();
        return projects switch
        {
            [] => throw new CommandLineException(Diagnostic.ToolProjectNotFound(path, command)),
            [var only] => only,
            _ => throw new CommandLineException(Diagnostic.ToolSeveralProjects(path,
                string.Join(", ", projects.Select(Path.GetFileName)), Path.GetRelativePath(currentDirectory, projects[0]), command)),
        };
    }
}
