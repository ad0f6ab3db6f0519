using GoImage.Diagnostics;

namespace GoImage.Tool.Building;

/// <summary>Which project <c>goimage build|publish [project]</c> means: a file as given, or the one .goproj in a folder.</summary>
internal static class ProjectFileLocator
{
    public static string Find(string currentDirectory, string? argument)
    {
        var path = Path.GetFullPath(argument ?? ".", currentDirectory);
        if (File.Exists(path))
        {
            return path;
        }

        if (!Directory.Exists(path))
        {
            throw new GoImageException(Diagnostic.ToolProjectMissing(argument ?? path));
        }

        var projects = Directory.GetFiles(path, "*.goproj").Order(StringComparer.Ordinal).ToArray();
        return projects switch
        {
            [] => throw new GoImageException(Diagnostic.ToolProjectNotFound(path)),
            [var only] => only,
            _ => throw new GoImageException(Diagnostic.ToolSeveralProjects(path,
                string.Join(", ", projects.Select(Path.GetFileName)), Path.GetRelativePath(currentDirectory, projects[0]))),
        };
    }
}
