using GoImage.Diagnostics;
using GoImage.IO;
using GoImage.Images;
using GoImage.Layouts;
using GoImage.Registry;
using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

public sealed partial class ImagePush : CancelableGoImageTask
{
    protected override bool ExecuteCore()
    {
        var diagnostics = new List<Diagnostic>();
        var registry = Registry.Trim().TrimEnd('/');
        if (registry.Contains("://", StringComparison.Ordinal) || registry.Contains('/', StringComparison.Ordinal) || registry.Length == 0)
        {
            diagnostics.Add(Diagnostic.Error("InvalidRegistrySetting", "ContainerRegistry", Registry, "it must be a host with an optional port, such as registry.example.com or 127.0.0.1:5000, without a scheme or path"));
        }

        if (!Digest.TryParse(ImageDigest, out var digest))
        {
            diagnostics.Add(Diagnostic.Error("InvalidRegistrySetting", "GeneratedContainerDigest", ImageDigest, "it is not a sha256 digest"));
        }

        var options = RegistryOptions.From(InsecureRegistries, Timeout, ChunkedUpload, diagnostics);
        if (!Report(diagnostics))
        {
            return false;
        }

        // Docker Hub answers its API on another host than its name.
        var apiHost = ImageReference.TryParse($"{registry}/{Repository}", out var destination, out _) ? destination.ApiHost : registry;
        var mounts = MountSources
            .Where(m => string.Equals(m.GetMetadata("Registry"), destination?.Registry ?? registry, StringComparison.OrdinalIgnoreCase))
            .Select(m => (Ok: Digest.TryParse(m.ItemSpec, out var d), Digest: d, Repository: m.GetMetadata("Repository")))
            .Where(m => m.Ok)
            .DistinctBy(m => m.Digest)
            .ToDictionary(m => m.Digest, m => m.Repository);

        var result = RunLogging(async (warn, say) =>
        {
            using var client = new RegistryClient(apiHost, RegistryRole.Push, CredentialStore.FromEnvironment(), options, warn);
            var progress = new ImmediateProgress<BlobPushed>(p => say($"  ImagePush: {p}"));
            return await ImagePusher.PushAsync(client, OciLayout.Open(LayoutPath), digest, Repository, Tags, mounts, progress, CancellationToken).ConfigureAwait(false);
        });

        GeneratedContainerReference = $"{destination?.Registry ?? registry}/{Repository}@{result.Digest}";
        Log.LogMessage(
            MessageImportance.High,
            $"  ImagePush: {GeneratedContainerReference} ({result.Uploaded} uploaded, {result.AlreadyPresent} already present, {result.Mounted} mounted; {ByteSize.Format(result.BytesUploaded)} sent), tags: {string.Join(", ", Tags)}{Referrers(result)}");
        return true;
    }

    protected override Diagnostic CanceledDiagnostic() => Diagnostic.Error("PushCanceled", Registry);


    private static string Referrers(ImagePushResult result) => result.Referrers == 0 ? ""
        : result.FallbackTags.Count == 0 ? $"; {result.Referrers} SBOM referrers (referrers API)"
        : $"; {result.Referrers} SBOM referrers, listed by tags {string.Join(", ", result.FallbackTags)} (no referrers API)";
}
