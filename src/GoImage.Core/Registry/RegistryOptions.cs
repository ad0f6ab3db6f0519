using System.Globalization;
using System.Net;
using GoImage.Diagnostics;

namespace GoImage.Registry;

/// <summary>How a <see cref="RegistryClient"/> talks to a registry: transport security, timeouts, retries and upload shape.</summary>
public sealed record RegistryOptions
{
    /// <summary>Hosts (host or host:port) that may be reached over plain HTTP; loopback hosts always may.</summary>
    public IReadOnlyCollection<string> InsecureRegistries { get; init; } = [];

    /// <summary>A request fails when no byte moves for this long; a large upload that keeps moving is never cut off.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries after the first attempt, for 5xx, 408, 429 and broken connections.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first backoff delay; it doubles on each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a 429's Retry-After is waited for; a registry asking for longer gets this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Blobs uploaded or downloaded at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Send every blob in PATCH chunks instead of one PUT (the fallback when a registry or proxy refuses large bodies).</summary>
    public bool ChunkedUploads { get; init; }

    /// <summary>The chunk size for chunked uploads; raised to the registry's OCI-Chunk-Min-Length when that is larger.</summary>
    public int ChunkSize { get; init; } = 8 << 20;

    /// <summary>Manifests and indexes larger than this are refused on pull (registries cap them at 4 MiB too).</summary>
    public int MaxManifestBytes { get; init; } = 4 << 20;

    /// <summary>Reads the project's settings (ContainerInsecureRegistries, ContainerRegistryTimeout, ContainerRegistryChunkedUpload).</summary>
    public static RegistryOptions From(string insecureRegistries, string timeoutSeconds, bool chunkedUploads, List<Diagnostic> diagnostics)
    {
        var options = new RegistryOptions
        {
            InsecureRegistries = insecureRegistries.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ChunkedUploads = chunkedUploads,
        };
        if (timeoutSeconds.Trim().Length > 0)
        {
            if (!int.TryParse(timeoutSeconds.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
            {
                diagnostics.Add(Diagnostic.InvalidRegistrySetting(timeoutSeconds));
            }
            else
            {
                options = options with { IdleTimeout = TimeSpan.FromSeconds(seconds) };
            }
        }

        return options;
    }

    /// <summary>Whether <paramref name="registry"/> may be spoken to over plain HTTP.</summary>
    public bool AllowsPlainHttp(string registry)
    {
        if (InsecureRegistries.Any(r => string.Equals(r.Trim(), registry, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var host = HostOf(registry);
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>The host without its port: <c>127.0.0.1:5000</c> → <c>127.0.0.1</c>, <c>[::1]:5000</c> → <c>::1</c>.</summary>
    internal static string HostOf(string registry)
    {
        if (registry.StartsWith('['))
        {
            var end = registry.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? registry[1..end] : registry;
        }

        var colon = registry.LastIndexOf(':');
        return colon > 0 && registry.IndexOf(':', StringComparison.Ordinal) == colon ? registry[..colon] : registry;
    }
}
