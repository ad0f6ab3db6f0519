using GoImage.Images;

namespace GoImage.Composition;

/// <summary>A multi-platform image ready to write: the index over the platforms' manifests, and every blob they name.</summary>
public sealed record ImageSet(ImageBlob Index, IReadOnlyList<PlatformImage> Platforms)
{
    /// <summary>Artifacts about the platform images (their SBOMs), stored beside the image, never inside it.</summary>
    public IReadOnlyList<ImageReferrer> Referrers { get; init; } = [];

    /// <summary>Manifests found by tags derived from a subject's digest (cosign's <c>.sig</c> and <c>.att</c>), beside the image.</summary>
    public IReadOnlyList<TaggedArtifact> Tagged { get; init; } = [];

    /// <summary>Each subject's referrers index, in platform order: what a layout's index.json names <c>sha256-&lt;hex&gt;</c>.</summary>
    public IEnumerable<(Digest Subject, ImageBlob Index)> ReferrerIndexes =>
        Referrers.GroupBy(r => r.Subject.Digest).Select(g => (g.Key, ImageReferrer.Index(g.Select(r => r.Descriptor))));

    /// <summary>JSON blobs (configs, manifests, the index) by digest, each once.</summary>
    public IEnumerable<ImageBlob> JsonBlobs =>
        Platforms.SelectMany(p => new[] { p.Config, p.Manifest }).Append(Index).DistinctBy(b => b.Descriptor.Digest);

    /// <summary>Every blob of the referrers (content, manifests, referrers indexes) and tagged artifacts by digest, each once.</summary>
    public IEnumerable<ImageBlob> ReferrerBlobs =>
        Referrers.SelectMany(r => r.Blobs.Append(r.Manifest)).Concat(ReferrerIndexes.Select(i => i.Index))
            .Concat(Tagged.SelectMany(t => t.Blobs.Append(t.Manifest))).DistinctBy(b => b.Descriptor.Digest);

    /// <summary>Layer blobs by digest, each once (the base is shared by every platform).</summary>
    public IEnumerable<Layer> LayerBlobs => Platforms.SelectMany(p => p.Layers).DistinctBy(l => l.Digest);
}
