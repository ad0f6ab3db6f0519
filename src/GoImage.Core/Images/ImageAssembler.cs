using GoImage.Layers;

namespace GoImage.Images;

/// <summary>
/// Turns layers and a definition into configs, manifests and the index. Pure: the same inputs give
/// the same bytes, so the index digest is known before anything is written.
/// </summary>
public static class ImageAssembler
{
    /// <param name="sharedLayers">Layers under every platform's app layer, bottom first (base, extra files).</param>
    /// <param name="appLayers">Each platform's own top layer.</param>
    public static ImageSet Assemble(ImageDefinition definition, IReadOnlyList<Layer> sharedLayers, IReadOnlyList<(ImagePlatform Platform, Layer App)> appLayers)
    {
        var platforms = new List<PlatformImage>();
        foreach (var (platform, app) in appLayers)
        {
            var layers = sharedLayers.Append(app).ToList();
            var config = new ImageConfig(platform, definition.Config, definition.Created)
            {
                DiffIds = layers.Select(l => l.DiffId).ToList(),
                History = layers.Select(l => new HistoryEntry($"GoImage.Sdk: {l.Name}")).ToList(),
            }.ToBlob();
            var manifest = new ImageManifest(config.Descriptor, layers.Select(l => l.Descriptor).ToList())
            {
                Annotations = definition.Annotations,
            }.ToBlob();
            platforms.Add(new PlatformImage(platform, layers, config, manifest));
        }

        var index = new ImageIndex(platforms.Select(p => p.Manifest.Descriptor with { Platform = p.Platform }).ToList())
        {
            Annotations = definition.Annotations,
        }.ToBlob();
        return new ImageSet(index, platforms);
    }
}
