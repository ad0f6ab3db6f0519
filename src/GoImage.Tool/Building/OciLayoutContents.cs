using GoImage.Images;
using GoImage.Inspection;

namespace GoImage.Tool.Building;

/// <summary>
/// What an OCI image layout holds, for the summary: index.json's image (as inspect picks it) → the image
/// index → each platform's manifest → its layer descriptors. Only descriptors are read, never layer bytes.
/// </summary>
internal sealed record OciLayoutContents(string IndexDigest, IReadOnlyList<LayoutPlatform> Platforms)
{
    /// <summary>Reads <paramref name="layoutPath"/>; throws GoImageException, FormatException or IOException when it is not a readable layout.</summary>
    public static OciLayoutContents Read(string layoutPath)
    {
        var image = LayoutIndex.Select(layoutPath, LayoutIndex.Read(layoutPath), null).Descriptor;
        var root = ReadManifest(layoutPath, image);
        var platforms = root.IsIndex
            ? root.Manifests.Select(m => Platform(m, m.Platform?.ToString() ?? "", ReadManifest(layoutPath, m))).ToList()
            : [Platform(image, "", root)];
        return new OciLayoutContents(image.Digest.ToString(), platforms);
    }

    private static LayoutPlatform Platform(Descriptor manifest, string platform, ManifestDocument document) =>
        new(platform, manifest.Digest.ToString(), document.Layers.Select(l => new LayoutLayer(l.Digest.ToString(), l.Size)).ToList());

    private static ManifestDocument ReadManifest(string layoutPath, Descriptor descriptor) => ManifestDocument.Parse(
        File.ReadAllBytes(Path.Combine(layoutPath, "blobs", "sha256", descriptor.Digest.Hex)),
        descriptor.MediaType.Length > 0 ? descriptor.MediaType : null);
}
