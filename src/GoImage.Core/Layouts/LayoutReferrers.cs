using GoImage.Images;

namespace GoImage.Layouts;

/// <summary>
/// The referrers (SBOMs, signatures) a layout keeps for one manifest: the manifests listed in the referrers index
/// that its <c>sha256-&lt;subject hex&gt;</c> index.json entry names, each with the descriptor that index gave it
/// (artifactType, annotations), as a registry's fallback tag would list it.
/// </summary>
public sealed record LayoutReferrers(Digest Subject, IReadOnlyList<ImageBlob> Manifests);
