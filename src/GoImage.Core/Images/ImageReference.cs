using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace GoImage.Images;

/// <summary>
/// A registry image reference, <c>host[:port]/repository[:tag][@sha256:…]</c>, normalised as docker and
/// podman do: no host means Docker Hub, and a one-part Docker Hub name lives under <c>library/</c>.
/// </summary>
public sealed partial record ImageReference(string Registry, string Repository, string? Tag, Digest? Digest)
{
    public const string DockerHub = "docker.io";

    /// <summary>The host the distribution API answers on: Docker Hub's differs from its name.</summary>
    public string ApiHost => Registry == DockerHub ? "registry-1.docker.io" : Registry;

    /// <summary>What to ask the registry for: the digest when pinned, else the tag.</summary>
    public string Reference => Digest?.ToString() ?? Tag ?? "latest";

    /// <summary>The same image pinned to <paramref name="digest"/>, keeping the tag for people to read.</summary>
    public ImageReference WithDigest(Digest digest) => this with { Digest = digest };

    public override string ToString() =>
        $"{Registry}/{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";

    public static bool TryParse(string text, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? problem)
    {
        reference = null;
        var rest = text.Trim();
        if (rest.Length == 0)
        {
            problem = "it is empty";
            return false;
        }

        // A URL is a common slip; without this it would read as host "https:" and a repository starting with '/'.
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            problem = $"it starts with {rest[..(scheme + 3)]}; write the host without a scheme";
            return false;
        }

        Digest? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!Images.Digest.TryParse(rest[(at + 1)..], out var parsed))
            {
                problem = $"'{rest[(at + 1)..]}' is not a sha256 digest (sha256: and 64 lowercase hex digits)";
                return false;
            }

            digest = parsed;
            rest = rest[..at];
        }

        // A ':' after the last '/' starts the tag; one before it belongs to host:port.
        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (ImageName.TagProblem(tag) is { } tagProblem)
            {
                problem = $"tag '{tag}': {tagProblem}";
                return false;
            }
        }

        var registry = DockerHub;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && IsHost(rest[..slash]))
        {
            // docker refuses such a host too; letting it through would fail later as a confusing URL or DNS error.
            if (!Host().IsMatch(rest[..slash]))
            {
                problem = $"host '{rest[..slash]}' is not a host name or IP address with an optional numeric port";
                return false;
            }

            registry = rest[..slash].ToLowerInvariant();
            rest = rest[(slash + 1)..];
        }

        if (registry is "index.docker.io" or "registry-1.docker.io")
        {
            registry = DockerHub;
        }

        if (registry == DockerHub && !rest.Contains('/', StringComparison.Ordinal))
        {
            rest = "library/" + rest;
        }

        if (ImageName.RepositoryProblem(rest) is { } repositoryProblem)
        {
            problem = $"repository '{rest}': {repositoryProblem}";
            return false;
        }

        reference = new ImageReference(registry, rest, tag ?? (digest is null ? "latest" : null), digest);
        problem = null;
        return true;
    }

    /// <summary>docker's rule: the first component is a host when it has a '.', a ':' or is localhost.</summary>
    private static bool IsHost(string component) =>
        component.Contains('.', StringComparison.Ordinal) || component.Contains(':', StringComparison.Ordinal) || component == "localhost";

    /// <summary>The distribution reference grammar's domain: DNS labels joined by '.', or a bracketed IPv6 address, then an optional port.</summary>
    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Host();
}
