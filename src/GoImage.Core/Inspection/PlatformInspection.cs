using GoImage.Images;

namespace GoImage.Inspection;

/// <summary>One platform's image as <c>goimage inspect</c> reports it: its manifest, the runtime settings of its config, its layers, SBOM, signatures and attestations.</summary>
public sealed record PlatformInspection(string Platform, Digest ManifestDigest, Digest ConfigDigest)
{
    public string? User { get; init; }

    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    public IReadOnlyList<string> Cmd { get; init; } = [];

    public string? WorkingDir { get; init; }

    public IReadOnlyList<string> Ports { get; init; } = [];

    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The manifest's annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The config's <c>created</c>, as written.</summary>
    public string? Created { get; init; }

    public IReadOnlyList<Descriptor> Layers { get; init; } = [];

    public SbomInspection? Sbom { get; init; }

    /// <summary>The manifest's signatures, attestations and referrers (its SBOM among them), listed, not verified.</summary>
    public IReadOnlyList<ArtifactInspection> Artifacts { get; init; } = [];
}
