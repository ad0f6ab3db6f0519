namespace GoImage.Registry;

/// <summary>
/// A registry as Docker's config.json and credential helpers name it: <c>host[:port]</c>, except Docker Hub,
/// whose credentials are filed under the v1 index URL whichever of its names the image uses.
/// </summary>
public sealed record DockerServerAddress(string Host, bool IsDockerHub)
{
    private const string DockerHubServerUrl = "https://index.docker.io/v1/";

    private static readonly string[] DockerHubHosts = ["docker.io", "index.docker.io", "registry-1.docker.io"];

    /// <summary>What a credential helper reads on stdin, and the key docker login writes.</summary>
    public string ServerUrl => IsDockerHub ? DockerHubServerUrl : Host;

    /// <param name="registryHost"><c>host</c> or <c>host:port</c>; a scheme or path is stripped.</param>
    public static DockerServerAddress For(string registryHost)
    {
        var host = NormalizeHost(registryHost);
        return new DockerServerAddress(host, DockerHubHosts.Contains(host, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// True when a config.json key names this registry once its scheme and path are stripped (as older
    /// tools and hand edits write it); an exact <see cref="ServerUrl"/> key is preferred by the caller.
    /// </summary>
    public bool IsNamedBy(string key)
    {
        var keyHost = NormalizeHost(key);
        return IsDockerHub
            ? DockerHubHosts.Contains(keyHost, StringComparer.OrdinalIgnoreCase)
            : string.Equals(keyHost, Host, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"https://host:5000/v1/" → "host:5000".</summary>
    private static string NormalizeHost(string key)
    {
        var text = key.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? text[..slash] : text;
    }
}
