using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>A parsed <c>/v2/…</c> path: which endpoint, the repository name (which may contain slashes) and the last segment.</summary>
internal sealed partial record RegistryRoute(RegistryRouteKind Kind, string? Name, string Argument)
{
    /// <summary>Whether <see cref="Name"/> is a valid repository name (or there is none).</summary>
    public bool HasValidName => Name is null || NamePattern().IsMatch(Name);

    public static bool TryParse(string path, out RegistryRoute route)
    {
        route = new RegistryRoute(RegistryRouteKind.Base, null, "");
        if (path is "/v2" or "/v2/")
        {
            return true;
        }

        if (!path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path[4..];
        Match match;
        if ((match = UploadPattern().Match(rest)).Success)
        {
            route = new RegistryRoute(RegistryRouteKind.Upload, match.Groups["name"].Value, match.Groups["arg"].Value);
        }
        else if ((match = BlobPattern().Match(rest)).Success)
        {
            route = new RegistryRoute(RegistryRouteKind.Blob, match.Groups["name"].Value, match.Groups["arg"].Value);
        }
        else if ((match = ManifestPattern().Match(rest)).Success)
        {
            route = new RegistryRoute(RegistryRouteKind.Manifest, match.Groups["name"].Value, match.Groups["arg"].Value);
        }
        else if ((match = TagsPattern().Match(rest)).Success)
        {
            route = new RegistryRoute(RegistryRouteKind.Tags, match.Groups["name"].Value, "");
        }
        else if ((match = ReferrersPattern().Match(rest)).Success)
        {
            route = new RegistryRoute(RegistryRouteKind.Referrers, match.Groups["name"].Value, match.Groups["arg"].Value);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> is <c>sha256:</c> and 64 lowercase hex digits.</summary>
    public static bool IsDigest([NotNullWhen(true)] string? text) => text is not null && DigestPattern().IsMatch(text);

    /// <summary>Whether <paramref name="text"/> is a valid tag.</summary>
    public static bool IsTag(string text) => TagPattern().IsMatch(text);

    [GeneratedRegex(@"^(?<name>.+)/blobs/uploads/(?<arg>[^/]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex UploadPattern();

    [GeneratedRegex(@"^(?<name>.+)/blobs/(?<arg>[^/]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex BlobPattern();

    [GeneratedRegex(@"^(?<name>.+)/manifests/(?<arg>[^/]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ManifestPattern();

    [GeneratedRegex(@"^(?<name>.+)/tags/list$", RegexOptions.CultureInvariant)]
    private static partial Regex TagsPattern();

    [GeneratedRegex(@"^(?<name>.+)/referrers/(?<arg>[^/]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferrersPattern();

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^sha256:[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
