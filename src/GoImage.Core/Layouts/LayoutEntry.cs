using GoImage.Images;

namespace GoImage.Layouts;

/// <summary>One entry of a layout's <c>index.json</c>: what it points at and the name (<c>org.opencontainers.image.ref.name</c>) it carries.</summary>
public sealed record LayoutEntry(Descriptor Descriptor, string? RefName)
{
    /// <summary>
    /// Whether this entry is the referrers index of a manifest (<c>sha256-&lt;hex&gt;</c>, the registry
    /// fallback tag's shape), or a signature or attestation (<c>sha256-&lt;hex&gt;.sig|.att</c>), rather than an image someone tagged.
    /// </summary>
    public bool IsReferrersIndex => ImageReferrer.TryParseFallbackTag(RefName, out _) || TaggedArtifact.TryParseTag(RefName, out _, out _);
}
