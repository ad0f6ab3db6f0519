using GoImage.Images;

namespace GoImage.Registry;

/// <summary>
/// A manifest an OCI layout names by a tag derived from one of its manifests' digests (cosign's
/// <c>sha256-&lt;hex&gt;.sig</c> and <c>.att</c>, as OciLayoutWriter writes them): pushed at that tag.
/// </summary>
internal sealed record LayoutTaggedManifest(string Tag, ImageBlob Manifest)
{
    /// <summary>Each such entry whose subject is one of <paramref name="subjects"/>, its manifest read and checked by <paramref name="readBlob"/>.</summary>
    public static IReadOnlyList<LayoutTaggedManifest> Read(string layoutPath, IReadOnlySet<Digest> subjects, Func<Digest, byte[]> readBlob)
    {
        var indexPath = Path.Combine(layoutPath, "index.json");
        if (!File.Exists(indexPath))
        {
            return [];
        }

        return ManifestDocument.Parse(File.ReadAllBytes(indexPath), null).Manifests
            .Where(e => e.Annotations.TryGetValue(Layouts.OciLayoutWriter.RefNameAnnotation, out var name)
                && TaggedArtifact.TryParseTag(name, out var subject, out _) && subjects.Contains(subject))
            .Select(e => new LayoutTaggedManifest(e.Annotations[Layouts.OciLayoutWriter.RefNameAnnotation], new ImageBlob(e, readBlob(e.Digest))))
            .ToList();
    }
}
