using System.Globalization;
using GoImage.Diagnostics;
using GoImage.Go;
using GoImage.Images;
using GoImage.Layers;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks;

public sealed partial class ImageLayer : CancelableGoImageTask
{
    protected override bool ExecuteCore()
    {
        var diagnostics = new List<Diagnostic>();
        var baseImage = ImageRequestValidator.BaseImage(BaseImage, diagnostics);
        if (!GoImage.Images.SourceDateEpoch.TryParse(SourceDateEpoch, out var mtime))
        {
            diagnostics.Add(Diagnostic.Error("InvalidSourceDateEpoch", SourceDateEpoch));
        }

        var binaries = ImageBinaries.Read(Binaries, diagnostics);
        var projectDirectory = ProjectDirectory.Length > 0 ? ProjectDirectory : Directory.GetCurrentDirectory();
        var files = ContainerFile.ToEntries(
            Files.Select(f => new ContainerFile(f.ItemSpec, f.GetMetadata("FullPath"), f.GetMetadata("TargetPath"), f.GetMetadata("Mode")) { Symlink = f.GetMetadata("Symlink") }),
            AppPath,
            SourceRoots.For(projectDirectory, AllowedRoots),
            diagnostics);
        if (!Report(diagnostics) || baseImage is null || files is null)
        {
            return false;
        }

        var cache = new LayerCache(CacheDirectory, SharedCacheDirectory.Length > 0 ? SharedCacheDirectory : null);
        var layers = System.Threading.Tasks.Task.Run(() => ImageLayers.Write(baseImage.Value, files, binaries, AppPath, mtime, cache, CancellationToken)).GetAwaiter().GetResult();

        Report(cache.Repairs);
        cache.PruneUnused();
        Log.LogMessage(MessageImportance.High, $"  ImageLayer: {layers.Shared.Count + layers.Apps.Count} layers ({cache})");
        Layers = layers.Shared.Select(l => ToItem(l, ""))
            .Concat(layers.Apps.Select(a => ToItem(a.App, a.Platform.ToString())))
            .ToArray();
        return true;
    }

    private static TaskItem ToItem(Layer layer, string platform) => new(layer.BlobPath, new Dictionary<string, string>
    {
        ["Digest"] = layer.Digest.ToString(),
        ["DiffId"] = layer.DiffId.ToString(),
        ["Size"] = layer.Size.ToString(CultureInfo.InvariantCulture),
        ["LayerName"] = layer.Name,
        ["Platform"] = platform,
    });
}
