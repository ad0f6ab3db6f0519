using GoImage.Images;

namespace GoImage.Layers;

/// <summary>
/// Every layer of a multi-platform image: the shared ones (base, then ContainerFile items) and one
/// app layer a platform holding only the binary. Layers are written in parallel through the cache.
/// </summary>
public sealed record ImageLayers(IReadOnlyList<Layer> Shared, IReadOnlyList<(ImagePlatform Platform, Layer App)> Apps)
{
    private const int BinaryMode = 0b111_101_101; // 0755: the non-root user must be able to run it

    public static ImageLayers Write(
        BaseImageKind baseImage,
        IReadOnlyList<LayerEntry> files,
        IReadOnlyList<(ImagePlatform Platform, string BinaryPath)> binaries,
        string appPath,
        long mtime,
        LayerCache cache,
        CancellationToken cancellationToken) =>
        Write(baseImage, new ImageLayerPlan(files, [], [], ""), binaries, appPath, mtime, cache, cancellationToken);

    /// <summary>The base, then the plan's layers that have entries (files, accounts, folders), then the app layers.</summary>
    public static ImageLayers Write(
        BaseImageKind baseImage,
        ImageLayerPlan plan,
        IReadOnlyList<(ImagePlatform Platform, string BinaryPath)> binaries,
        string appPath,
        long mtime,
        LayerCache cache,
        CancellationToken cancellationToken)
    {
        var shared = new List<LayerContent>();
        if (baseImage == BaseImageKind.Static)
        {
            shared.Add(StaticBase.Content(mtime));
        }

        if (plan.Files.Count > 0)
        {
            shared.Add(LayerContent.Create("ContainerFile items", plan.Files, mtime));
        }

        if (plan.Accounts.Count > 0)
        {
            shared.Add(LayerContent.Create("ContainerUserAccount items", plan.Accounts, mtime));
        }

        if (plan.Directories.Count > 0)
        {
            shared.Add(LayerContent.Create("ContainerVolume and ContainerDirectory folders", plan.Directories, mtime));
        }

        var apps = binaries.Select(b => LayerContent.Create(
            $"{appPath} ({b.Platform})", [LayerEntry.FromFile(appPath, b.BinaryPath, BinaryMode)], mtime)).ToList();

        var all = shared.Concat(apps).ToList();
        var written = new Layer[all.Count];
        Parallel.For(
            0,
            all.Count,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => written[i] = cache.GetOrWrite(all[i], cancellationToken));

        return new ImageLayers(
            written[..shared.Count],
            binaries.Select((b, i) => (b.Platform, written[shared.Count + i])).ToList());
    }
}
