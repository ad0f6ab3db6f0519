using GoImage.Images;

namespace GoImage.Composition;

/// <summary>A multi-platform image ready to write: the index over the platforms' manifests, and every blob they name.</summary>
public sealed record ImageSet(ImageBlob Index, IReadOnlyList<PlatformImage> Platforms)
{
    /// <summary>Artifacts about the platform images (their SBOMs), stored beside the image, never inside it.</summary>
    public IReadOnlyList<ImageReferrer> Referrers { get; init; } = [];

    /// <summary>Each subject's referrers index, in platform order: what a layout's index.json names <c>sha256-&lt;hex&gt;</c>.</summary>
    public IEnumerable<(Digest Subject, ImageBlob Index)> ReferrerIndexes =>
        Referrers.GroupBy(r => r.Subject.Digest).Select(g => (g.Key, ImageReferrer.Index(g.Select(r => r.Descriptor))));

    /// <summary>JSON blobs (configs, manifests, the index) by digest, each once.</summary>
    public IEnumerable<ImageBlob> JsonBlobs =>
        Platforms.SelectMany(p => new[] { p.Config, p.Manifest }).Append(Index).DistinctBy(b => b.Descriptor.Digest);

    /// <summary>Every blob of the referrers (content, manifests, referrers indexes) by digest, each once.</summary>
    public IEnumerable<ImageBlob> ReferrerBlobs =>
        Referrers.SelectMany(r => r.Blobs.Append(r.Manifest)).Concat(ReferrerIndexes.Select(i => i.Index)).DistinctBy(b => b.Descriptor.Digest);

    /// <summary>Layer blobs by digest, each once (the base is shared by every platform).</summary>
    public IEnumerable<Layer> LayerBlobs => Platforms.SelectMany(p => p.Layers).DistinctBy(l => l.Digest);
}
