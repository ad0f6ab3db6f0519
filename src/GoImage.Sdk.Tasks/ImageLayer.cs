using System.Globalization;
using GoImage.Composition;
using GoImage.Diagnostics;
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
            diagnostics.Add(Diagnostic.InvalidSourceDateEpoch(SourceDateEpoch));
        }

        var binaries = ImageBinaries.Read(Binaries, diagnostics);
        if (!Report(diagnostics) || baseImage is null)
        {
            return false;
        }

        var request = new ImageLayerRequest
        {
            BaseImage = baseImage.Value,
            AppPath = AppPath,
            User = User,
            SourceRoots = SourceRoots.For(ProjectDirectory.Length > 0 ? ProjectDirectory : Directory.GetCurrentDirectory(), AllowedRoots),
            Files = Files.Select(f => new ContainerFile(f.ItemSpec, f.GetMetadata("FullPath"), f.GetMetadata("TargetPath"), f.GetMetadata("Mode")) { Owner = f.GetMetadata("Owner"), Symlink = f.GetMetadata("Symlink") }).ToList(),
            Volumes = Volumes.Select(v => v.ItemSpec).ToList(),
            Directories = Directories.Select(d => new ContainerDirectory(d.ItemSpec) { Owner = d.GetMetadata("Owner"), Mode = d.GetMetadata("Mode") }).ToList(),
            Accounts = UserAccounts.Select(a => new UserAccount(a.ItemSpec)
            {
                Uid = a.GetMetadata("Uid"),
                Gid = a.GetMetadata("Gid"),
                Home = a.GetMetadata("Home"),
                Shell = a.GetMetadata("Shell"),
            }).ToList(),
        };
        var planDiagnostics = new List<Diagnostic>();
        var plan = ImageLayerPlan.Create(request, () => BaseAccountReader.Read(LoadBase(binaries), CancellationToken), planDiagnostics);
        if (!Report(planDiagnostics) || plan is null)
        {
            return false;
        }

        var cache = new LayerCache(CacheDirectory, SharedCacheDirectory.Length > 0 ? SharedCacheDirectory : null);
        var layers = System.Threading.Tasks.Task.Run(() => ImageLayers.Write(baseImage.Value, plan, binaries, AppPath, mtime, cache, CancellationToken)).GetAwaiter().GetResult();

        Report(cache.Repairs);
        cache.PruneUnused();
        ResolvedUser = plan.ConfigUser;
        Log.LogMessage(MessageImportance.High, $"  ImageLayer: {layers.Shared.Count + layers.Apps.Count} layers ({cache})");
        Layers = layers.Shared.Select(l => ToItem(l, ""))
            .Concat(layers.Apps.Select(a => ToItem(a.App, a.Platform.ToString())))
            .ToArray();
        return true;
    }

    private BaseImage LoadBase(List<(ImagePlatform Platform, string BinaryPath)> binaries) =>
        CachedBaseImage.Load(BaseImageReference, BaseImageCacheDirectory, InsecureRegistries, binaries.Select(b => b.Platform).Distinct().ToList(), CancellationToken);

    private static TaskItem ToItem(Layer layer, string platform) => new(layer.BlobPath, new Dictionary<string, string>
    {
        ["Digest"] = layer.Digest.ToString(),
        ["DiffId"] = layer.DiffId.ToString(),
        ["Size"] = layer.Size.ToString(CultureInfo.InvariantCulture),
        ["LayerName"] = layer.Name,
        ["Platform"] = platform,
    });
}
