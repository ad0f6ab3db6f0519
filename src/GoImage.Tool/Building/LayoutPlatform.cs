namespace GoImage.Tool.Building;

/// <summary>One platform's image in an OCI layout: its manifest and layers, bottom first.</summary>
internal sealed record LayoutPlatform(string Platform, string ManifestDigest, IReadOnlyList<LayoutLayer> Layers)
{
    public long TotalSize => Layers.Sum(l => l.Size);
}
