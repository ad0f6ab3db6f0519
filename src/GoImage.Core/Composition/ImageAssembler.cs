using GoImage.Images;

namespace GoImage.Composition;

/// <summary>
/// Turns layers and a definition into configs, manifests and the index. Pure: the same inputs give
/// the same bytes, so the index digest is known before anything is written.
/// </summary>
public static class ImageAssembler
{
    private const string BaseNameAnnotation = "org.opencontainers.image.base.name";
    private const string BaseDigestAnnotation = "org.opencontainers.image.base.digest";

    /// <param name="sharedLayers">Layers under every platform's app layer, bottom first (embedded base, extra files).</param>
    /// <param name="appLayers">Each platform's own top layer.</param>
    /// <param name="baseImage">A registry base under everything, or null.</param>
    public static ImageSet Assemble(
        ImageDefinition definition,
        IReadOnlyList<Layer> sharedLayers,
        IReadOnlyList<(ImagePlatform Platform, Layer App)> appLayers,
        BaseImage? baseImage = null)
    {
        var platforms = new List<PlatformImage>();
        foreach (var (platform, app) in appLayers)
        {
            var under = baseImage?.Platforms.FirstOrDefault(b => b.Platform == platform);
            if (baseImage is not null && under is null)
            {
                throw new ArgumentException($"The base image has no part for {platform}.", nameof(baseImage));
            }

            var ours = sharedLayers.Append(app).ToList();
            var layers = (under?.Layers ?? []).Concat(ours).ToList();
            var config = new ImageConfig(platform, under is null ? definition.Config : OnBase(definition.Config, under.Config), definition.Created)
            {
                DiffIds = layers.Select(l => l.DiffId).ToList(),
                History = BaseHistory(under).Concat(ours.Select(l => new HistoryEntry($"GoImage.Sdk: {l.Name}"))).ToList(),
            }.ToBlob();
            var manifest = new ImageManifest(config.Descriptor, layers.Select(l => l.Descriptor).ToList())
            {
                Annotations = under is null ? definition.Annotations : WithBase(definition.Annotations, baseImage!, under.ManifestDigest),
            }.ToBlob();
            platforms.Add(new PlatformImage(platform, layers, config, manifest));
        }

        var index = new ImageIndex(platforms.Select(p => p.Manifest.Descriptor with { Platform = p.Platform }).ToList())
        {
            Annotations = baseImage is null ? definition.Annotations : WithBase(definition.Annotations, baseImage, baseImage.Digest),
        }.ToBlob();
        return new ImageSet(index, platforms);
    }

    /// <summary>The base's environment, labels and ports stay unless the project sets the same name; the rest is the project's.</summary>
    private static ContainerConfig OnBase(ContainerConfig config, BaseImageConfig under)
    {
        var ownNames = config.Environment.Select(NameOf).ToHashSet(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>(under.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in config.Labels)
        {
            labels[key] = value;
        }

        return config with
        {
            Environment = under.Environment.Where(e => !ownNames.Contains(NameOf(e))).Concat(config.Environment).ToList(),
            Labels = labels,
            ExposedPorts = under.ExposedPorts.Concat(config.ExposedPorts).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>
    /// The base's own history when it describes every base layer; otherwise one entry a layer, so
    /// tools that pair history with layers (docker history, podman) still line up.
    /// </summary>
    private static IEnumerable<HistoryEntry> BaseHistory(BasePlatformImage? under)
    {
        if (under is null)
        {
            return [];
        }

        return under.Config.History.Count(h => !h.EmptyLayer) == under.Layers.Count
            ? under.Config.History
            : under.Layers.Select(l => new HistoryEntry($"base image: {l.Name}"));
    }

    private static Dictionary<string, string> WithBase(IReadOnlyDictionary<string, string> annotations, BaseImage baseImage, Digest digest)
    {
        var result = new Dictionary<string, string>(annotations, StringComparer.Ordinal)
        {
            [BaseNameAnnotation] = (baseImage.Reference with { Digest = null }).ToString(),
            [BaseDigestAnnotation] = digest.ToString(),
        };
        return result;
    }

    private static string NameOf(string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? entry : entry[..equals];
    }
}
