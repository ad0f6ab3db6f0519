using NuGet.Versioning;

namespace GoImage.Composition;

/// <summary>
/// The tags a release gets: <c>1.4.2</c>, <c>1.4</c>, <c>1</c> and <c>latest</c>; a prerelease gets only its own.
/// A version written as a git tag keeps its <c>v</c> in every tag: <c>v1.4.2</c>, <c>v1.4</c>, <c>v1</c>, <c>latest</c>.
/// </summary>
public static class SemVerTags
{
    public static IReadOnlyList<string>? For(string version)
    {
        var prefix = version.Length > 1 && version[0] is 'v' or 'V' && char.IsAsciiDigit(version[1]) ? version[..1] : "";
        if (!SemanticVersion.TryParse(version[prefix.Length..], out var semver))
        {
            return null;
        }

        // The full tag keeps build metadata (ToNormalizedString would drop it); '+' cannot appear in a tag.
        var full = prefix + semver.ToFullString().Replace('+', '_');
        return semver.IsPrerelease
            ? [full]
            : [full, $"{prefix}{semver.Major}.{semver.Minor}", $"{prefix}{semver.Major}", "latest"];
    }
}
