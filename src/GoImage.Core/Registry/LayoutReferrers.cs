using GoImage.Images;

namespace GoImage.Registry;

/// <summary>
/// The referrers (SBOMs) an OCI layout keeps for some of its manifests: index.json entries named
/// <c>sha256-&lt;subject hex&gt;</c> that point at a referrers index, as OciLayoutWriter writes them.
/// </summary>
internal sealed record LayoutReferrers(Digest Subject, IReadOnlyList<ImageBlob> Manifests)
{
    /// <summary>Each of <paramref name="subjects"/> that has referrers in the layout, with their manifests (read and checked by <paramref name="readBlob"/>).</summary>
    public static IReadOnlyList<LayoutReferrers> Read(string layoutPath, IReadOnlySet<Digest> subjects, Func<Digest, byte[]> readBlob)
    {
        var indexPath = Path.Combine(layoutPath, "index.json");
        if (!File.Exists(indexPath))
        {
            return [];
        }

        var result = new List<LayoutReferrers>();
        foreach (var entry in ManifestDocument.Parse(File.ReadAllBytes(indexPath), null).Manifests)
        {
            if (!entry.Annotations.TryGetValue(Layouts.OciLayoutWriter.RefNameAnnotation, out var name)
                || !ImageReferrer.TryParseFallbackTag(name, out var subject) || !subjects.Contains(subject))
            {
                continue;
            }

            var referrersIndex = ManifestDocument.Parse(readBlob(entry.Digest), null);
            // Each keeps the descriptor the referrers index gave it (artifactType, annotations): a fallback tag lists it so.
            var manifests = referrersIndex.Manifests.Select(d => new ImageBlob(d, readBlob(d.Digest))).ToList();
            result.Add(new LayoutReferrers(subject, manifests));
        }

        return result;
    }
}
