using GoImage.Images;

namespace GoImage.Sbom;

/// <summary>What one platform's SBOM describes: the image manifest, and the Go binary inside it with its build information.</summary>
public sealed record SbomSubject(
    string Repository,
    ImagePlatform Platform,
    Descriptor Manifest,
    string AppPath,
    Digest Binary,
    GoBuildInfo BuildInfo,
    DateTimeOffset Created)
{
    /// <summary>ContainerImageVersion: the main module's version when Go recorded none ("(devel)").</summary>
    public string ImageVersion { get; init; } = "";
}
