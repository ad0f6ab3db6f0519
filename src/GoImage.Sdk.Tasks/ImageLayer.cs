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
        var compression = ImageRequestValidator.LayerCompression(LayerCompression, diagnostics);
        if (!GoImage.Images.SourceDateEpoch.TryParse(SourceDateEpoch, out var mtime))
        {
            diagnostics.Add(Diagnostic.InvalidSourceDateEpoch(SourceDateEpoch));
        }

        var projectDirectory = ProjectDirectory.Length > 0 ? ProjectDirectory : Directory.GetCurrentDirectory();
        var binaries = GoBinaryItems.ReadForImage(Binaries, projectDirectory, diagnostics);
        var registryBase = BaseImageItems.Read(BaseImageReference, BaseImagePlatforms, BaseImageLayers, binaries.Select(b => b.Platform), diagnostics);
        if (!Report(diagnostics) || baseImage is null || compression is null)
        {
            return false;
        }

        var request = new ImageLayerRequest
        {
            BaseImage = baseImage.Value,
            AppPath = AppPath,
            User = User,
            SourceRoots = SourceRoots.For(projectDirectory, AllowedRoots),
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
        var plan = ImageLayerPlan.Create(request, () => BaseAccountReader.Read(RequireBase(registryBase), CancellationToken), planDiagnostics);
        if (!Report(planDiagnostics) || plan is null)
        {
            return false;
        }

        var cache = new LayerCache(CacheDirectory, SharedCacheDirectory.Length > 0 ? SharedCacheDirectory : null, compression);
        var layers = System.Threading.Tasks.Task.Run(() => ImageLayers.Write(baseImage.Value, plan, binaries, AppPath, mtime, cache, CancellationToken)).GetAwaiter().GetResult();

        Report(cache.Repairs);
        cache.PruneUnused();
        ResolvedUser = plan.ConfigUser;
        Log.LogMessage(MessageImportance.High, $"  ImageLayer: {layers.Shared.Count + layers.Apps.Count} layers ({cache})");
        Layers = layers.Shared.Select(l => LayerItems.ToItem(l, null))
            .Concat(layers.Apps.Select(a => LayerItems.ToItem(a.App, a.Platform)))
            .ToArray();
        return true;
    }

    // The plan reads the base's accounts only for a registry base (ContainerBaseImage names one), which ImageBase passed on.
    private BaseImage RequireBase(BaseImage? registryBase) => registryBase
        ?? throw new GoImageException(Diagnostic.InvalidImageReference("ContainerBaseImageReference", BaseImageReference, "ImageBase set none for this registry ContainerBaseImage"));
}
