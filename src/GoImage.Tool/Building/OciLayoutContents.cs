using GoImage.Images;
using GoImage.Layouts;

namespace GoImage.Tool.Building;

/// <summary>
/// What an OCI image layout holds, for the summary: index.json's image (as inspect picks it) → the image
/// index → each platform's manifest → its layer descriptors. Manifests are read checked; layer bytes never.
/// </summary>
internal sealed record OciLayoutContents(string IndexDigest, IReadOnlyList<LayoutPlatform> Platforms)
{
    /// <summary>Reads <paramref name="layoutPath"/>; throws GoImageException or IOException when it is not a readable layout.</summary>
    public static OciLayoutContents Read(string layoutPath)
    {
        var layout = OciLayout.Open(layoutPath);
        var image = layout.Select(null).Descriptor;
        var root = layout.ReadManifest(image, "image");
        var platforms = root.IsIndex
            ? root.Manifests.Select(m => Platform(m, m.Platform?.ToString() ?? "", layout.ReadManifest(m))).ToList()
            : [Platform(image, "", root)];
        return new OciLayoutContents(image.Digest.ToString(), platforms);
    }

    private static LayoutPlatform Platform(Descriptor manifest, string platform, ManifestDocument document) =>
        new(platform, manifest.Digest.ToString(), document.Layers.Select(l => new LayoutLayer(l.Digest.ToString(), l.Size)).ToList());
}
