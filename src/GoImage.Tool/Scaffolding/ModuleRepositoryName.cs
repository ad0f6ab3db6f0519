using System.Text.RegularExpressions;
using GoImage.Images;

namespace GoImage.Tool.Scaffolding;

/// <summary>
/// The image repository a module suggests: its path without the host and without a major-version
/// suffix, lowercased into a valid name (<c>github.com/Acme/Shop-API/v2</c> → <c>acme/shop-api</c>).
/// </summary>
internal static partial class ModuleRepositoryName
{
    public static string From(string modulePath, string fallbackName)
    {
        var parts = modulePath.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        // A first element with a dot (or a port) is a host: registries add their own.
        if (parts.Count > 1 && (parts[0].Contains('.', StringComparison.Ordinal) || parts[0].Contains(':', StringComparison.Ordinal)))
        {
            parts.RemoveAt(0);
        }

        // example.com/api/v2 is still "api": the version lives in the tag.
        if (parts.Count > 1 && MajorVersion().IsMatch(parts[^1]))
        {
            parts.RemoveAt(parts.Count - 1);
        }

        foreach (var candidate in new[] { string.Join('/', parts), fallbackName })
        {
            var name = ImageName.NormalizeRepository(candidate);
            if (ImageName.RepositoryProblem(name) is null)
            {
                return name;
            }
        }

        return "app";
    }

    /// <summary>The last element of the module path that is not a major-version suffix: what go build names the binary.</summary>
    public static string LastElement(string modulePath)
    {
        var parts = modulePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 1 && MajorVersion().IsMatch(parts[^1]) ? parts[^2] : parts.Length > 0 ? parts[^1] : "";
    }

    [GeneratedRegex("^v[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MajorVersion();
}
