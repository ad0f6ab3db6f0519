using GoImage.Composition;
using GoImage.Images;

namespace GoImage.Layouts;

/// <summary>
/// What a layout is to hold: its index.json entries (each a manifest or index, named by a ref name) and the blobs
/// they reach, JSON in memory and layers as files checked against their digests while they are copied in.
/// </summary>
public sealed record LayoutContents(IReadOnlyList<Descriptor> Entries, IReadOnlyList<ImageBlob> Blobs, IReadOnlyList<Layer> Layers)
{
    /// <summary>The layout's <c>index.json</c> bytes.</summary>
    public byte[] IndexJson => OciLayout.IndexJson(Entries);

    /// <summary>
    /// An image: one entry per ref name, each naming the image index; with <paramref name="withReferrers"/>, also
    /// one entry per subject's referrers index, named by the distribution spec's fallback tag <c>sha256-&lt;hex&gt;</c>,
    /// so tools find an SBOM as they would in a registry; and one entry per cosign signature or attestation, named by
    /// its tag <c>sha256-&lt;hex&gt;.sig|.att</c>.
    /// </summary>
    public static LayoutContents Of(ImageSet image, IReadOnlyList<string> refNames, bool withReferrers = true)
    {
        var entries = refNames.Select(name => OciLayout.Named(image.Index.Descriptor, name))
            .Concat(withReferrers ? image.ReferrerIndexes.Select(r => OciLayout.Named(r.Index.Descriptor, ImageReferrer.FallbackTag(r.Subject))) : [])
            .Concat(withReferrers ? image.Tagged.Select(t => OciLayout.Named(t.Manifest.Descriptor, t.Tag)) : [])
            .ToList();
        var blobs = image.JsonBlobs.Concat(withReferrers ? image.ReferrerBlobs : []).ToList();
        return new LayoutContents(entries, blobs, image.LayerBlobs.ToList());
    }
}
