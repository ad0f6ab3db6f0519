using GoImage.Images;

namespace GoImage.Inspection;

/// <summary>A registry's referrers index (the referrers API's answer, or the <c>sha256-&lt;hex&gt;</c> fallback tag): the manifests that refer to a subject.</summary>
internal static class ReferrersIndex
{
    /// <summary>The listed manifests of <paramref name="artifactType"/>; a registry may ignore the filter, so it is applied here too.</summary>
    public static IReadOnlyList<Descriptor> Filter(byte[] json, string artifactType) =>
        ManifestDocument.ParseIndex(json, "the referrers index").Manifests.Where(d => d.ArtifactType == artifactType).ToList();
}
