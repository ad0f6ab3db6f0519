using GoImage.Layers;

namespace GoImage.Images;

/// <summary>A multi-platform image ready to write: the index over the platforms' manifests, and every blob they name.</summary>
public sealed record ImageSet(ImageBlob Index, IReadOnlyList<PlatformImage> Platforms)
{
    /// <summary>JSON blobs (configs, manifests, the index) by digest, each once.</summary>
    public IEnumerable<ImageBlob> JsonBlobs =>
        Platforms.SelectMany(p => new[] { p.Config, p.Manifest }).Append(Index).DistinctBy(b => b.Descriptor.Digest);

    /// <summary>Layer blobs by digest, each once (the base is shared by every platform).</summary>
    public IEnumerable<Layer> LayerBlobs => Platforms.SelectMany(p => p.Layers).DistinctBy(l => l.Digest);
}
