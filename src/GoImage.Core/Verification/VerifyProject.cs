using GoImage.Diagnostics;

namespace GoImage.Verification;

/// <summary>Finds the project <c>goimage verify</c> checks: a .goproj file, or the one .goproj in a folder.</summary>
public static class VerifyProject
{
    public static string Find(string? argument)
    {
        var path = Path.GetFullPath(string.IsNullOrEmpty(argument) ? Directory.GetCurrentDirectory() : argument);
        if (File.Exists(path))
        {
            return path.EndsWith(".goproj", StringComparison.OrdinalIgnoreCase)
                ? path
                : throw new GoImageException(Diagnostic.VerifyProjectNotFound(path));
        }

        if (!Directory.Exists(path))
        {
            throw new GoImageException(Diagnostic.VerifyProjectNotFound(path));
        }

        var projects = Directory.GetFiles(path, "*.goproj").Order(StringComparer.Ordinal).ToList();
        return projects.Count switch
        {
            0 => throw new GoImageException(Diagnostic.VerifyProjectNotFound(path)),
            1 => projects[0],
            _ => throw new GoImageException(Diagnostic.VerifyProjectAmbiguous(path, string.Join(", ", projects.Select(Path.GetFileName)))),
        };
    }
}
