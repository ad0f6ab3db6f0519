using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Registry;

namespace GoImage.Sdk.Tasks;

/// <summary>Loads the registry base ImageBase resolved from the blob cache it filled (no network unless the cache lost a blob).</summary>
internal static class CachedBaseImage
{
    public static BaseImage Load(string reference, string cacheDirectory, string insecureRegistries, IReadOnlyList<ImagePlatform> platforms, CancellationToken cancellationToken)
    {
        if (!ImageReference.TryParse(reference, out var pinned, out var problem) || pinned.Digest is null)
        {
            throw new GoImageException(Diagnostic.InvalidImageReference("BaseImageReference", reference, problem ?? "it has no digest"));
        }

        var options = RegistryOptions.From(insecureRegistries, timeoutSeconds: "", chunkedUploads: false, []);
        return System.Threading.Tasks.Task.Run(async () =>
        {
            using var resolver = BaseImageResolver.ForRegistry(cacheDirectory, pinned, options);
            return await resolver.LoadAsync(pinned, platforms, cancellationToken).ConfigureAwait(false);
        }).GetAwaiter().GetResult();
    }
}
