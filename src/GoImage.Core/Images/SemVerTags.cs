using NuGet.Versioning;

namespace GoImage.Images;

/// <summary>The tags a release gets: <c>1.4.2</c>, <c>1.4</c>, <c>1</c> and <c>latest</c>; a prerelease gets only its own.</summary>
public static class SemVerTags
{
    public static IReadOnlyList<string>? For(string version)
    {
        if (!SemanticVersion.TryParse(version, out var semver))
        {
            return null;
        }

        // The full tag keeps build metadata (ToNormalizedString would drop it); '+' cannot appear in a tag.
        var full = semver.ToFullString().Replace('+', '_');
        return semver.IsPrerelease
            ? [full]
            : [full, $"{semver.Major}.{semver.Minor}", $"{semver.Major}", "latest"];
    }
}
