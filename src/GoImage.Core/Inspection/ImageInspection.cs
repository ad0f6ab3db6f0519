using GoImage.Images;

namespace GoImage.Inspection;

/// <summary>What <c>goimage inspect</c> found: the image's index (or single manifest) and each platform.</summary>
public sealed record ImageInspection(string Reference, string MediaType, Digest Digest, IReadOnlyList<PlatformInspection> Platforms)
{
    /// <summary>The index's (or single manifest's) annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The signatures, attestations and referrers of the index (a single manifest's are its platform's).</summary>
    public IReadOnlyList<ArtifactInspection> Artifacts { get; init; } = [];
}
