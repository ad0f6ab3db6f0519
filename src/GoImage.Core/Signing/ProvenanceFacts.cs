using GoImage.Sbom;

namespace GoImage.Signing;

/// <summary>
/// What SLSA provenance records about one publish: what was asked (external parameters), what the builder
/// chose (internal), what went in (resolved dependencies), who built it, and when (SOURCE_DATE_EPOCH, never the clock).
/// </summary>
public sealed record ProvenanceFacts
{
    /// <summary>The .goproj, relative to the repository root where known.</summary>
    public required string Project { get; init; }

    public required IReadOnlyList<string> Platforms { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Go build flags that decide the binary's bytes (-trimpath, -ldflags, tags…), as name → value.</summary>
    public IReadOnlyDictionary<string, string> BuildFlags { get; init; } = new Dictionary<string, string>();

    public required string SdkVersion { get; init; }

    /// <summary>The Go toolchain's version (<c>go1.23.5</c>).</summary>
    public required string GoVersion { get; init; }

    /// <summary>The source repository's URL and commit, when the build could tell.</summary>
    public string SourceRepository { get; init; } = "";

    public string SourceRevision { get; init; } = "";

    /// <summary>The registry base image, pinned by digest (<c>registry/repo@sha256:…</c>); empty for the embedded static base and scratch.</summary>
    public string BaseImage { get; init; } = "";

    /// <summary>Each platform binary's Go build information: modules with their go.sum hashes.</summary>
    public IReadOnlyList<GoBuildInfo> BuildInfos { get; init; } = [];

    /// <summary>What the builder is: a CI system's URL when it can tell, else a local id.</summary>
    public required string BuilderId { get; init; }

    /// <summary>The CI run, when there is one (GITHUB_RUN_ID and the like).</summary>
    public string InvocationId { get; init; } = "";

    public required DateTimeOffset Time { get; init; }
}
