using GoImage.Diagnostics;
using GoImage.Go;
using GoImage.Images;
using GoImage.Registry;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

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
        var platforms = new List<ImagePlatform>();
        foreach (var binary in Binaries)
        {
            if (GoPlatform.TryParse(binary.GetMetadata("Platform"), out var platform, out var reason))
            {
                platforms.Add(platform!.ToImagePlatform());
            }
            else
            {
                diagnostics.Add(Diagnostic.InvalidPlatform(binary.GetMetadata("Platform"), reason));
            }
        }

        if (!Report(diagnostics) || reference is null)
        {
            return false;
        }

        var request = new BaseImageRequest(reference, platforms.Distinct().ToList(), Path.GetFullPath(LockFilePath)) { Refresh = Refresh, LockedMode = LockedMode };
        var image = RunLogging(async (warn, _) =>
        {
            using var resolver = BaseImageResolver.ForRegistry(CacheDirectory, reference, options, warn);
            return await resolver.ResolveAsync(request, CancellationToken).ConfigureAwait(false);
        });

        Log.LogMessage(
            MessageImportance.High,
            $"  ImageBase: {image.Reference}{(image.LockWritten ? $" (locked in {request.LockFilePath})" : "")}, {image.Downloaded} blobs downloaded");
        ResolvedReference = image.Reference.ToString();
        Layers = image.Platforms.SelectMany(p => p.Layers).DistinctBy(l => l.Digest)
            .Select(l => (ITaskItem)new TaskItem(l.Digest.ToString(), new Dictionary<string, string>
            {
                ["Registry"] = reference.Registry,
                ["Repository"] = reference.Repository,
            }))
            .ToArray();
        return true;
    }
}
