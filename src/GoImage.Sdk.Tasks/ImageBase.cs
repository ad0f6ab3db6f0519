using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Registry;
using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

public sealed partial class ImageBase : CancelableGoImageTask
{
    protected override bool ExecuteCore()
    {
        var diagnostics = new List<Diagnostic>();
        if (!ImageReference.TryParse(BaseImage, out var reference, out var problem))
        {
            diagnostics.Add(Diagnostic.InvalidImageReference("ContainerBaseImage", BaseImage, problem));
        }

        var options = RegistryOptions.From(InsecureRegistries, Timeout, chunkedUploads: false, diagnostics);
        var platforms = GoBinaryItems.Read(Binaries, Directory.GetCurrentDirectory(), diagnostics).Select(b => b.Platform.ToImagePlatform()).Distinct().ToList();
        if (!Report(diagnostics) || reference is null)
        {
            return false;
        }

        var request = new BaseImageRequest(reference, platforms, Path.GetFullPath(LockFilePath)) { Refresh = Refresh, LockedMode = LockedMode };
        var image = RunLogging(async (warn, _) =>
        {
            using var resolver = BaseImageResolver.ForRegistry(CacheDirectory, reference, options, warn);
            return await resolver.ResolveAsync(request, CancellationToken).ConfigureAwait(false);
        });

        Log.LogMessage(
            MessageImportance.High,
            $"  ImageBase: {image.Reference}{(image.LockWritten ? $" (locked in {request.LockFilePath})" : "")}, {image.Downloaded} blobs downloaded");
        ResolvedReference = image.Reference.ToString();
        (Platforms, Layers) = BaseImageItems.ToItems(image);
        return true;
    }
}
