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
            diagnostics.Add(Diagnostic.ContainerRegistryInvalid(Registry));
        }

        if (!Digest.TryParse(ImageDigest, out var digest))
        {
            diagnostics.Add(Diagnostic.ImageDigestInvalid(ImageDigest));
        }

        // Docker Hub answers its API on another host than its name.
        var apiHost = ImageReference.TryParse($"{registry}/{Repository}", out var destination, out _) ? destination.ApiHost : registry;
        var mounts = BaseImageItems.MountSources(MountSources, destination?.Registry ?? registry, diagnostics);
        var options = RegistryOptions.From(InsecureRegistries, Timeout, ChunkedUpload, diagnostics);
        if (!Report(diagnostics))
        {
            return false;
        }

        var result = RunLogging(async (warn, say) =>
        {
            using var client = new RegistryClient(apiHost, RegistryRole.Push, CredentialStore.FromEnvironment(), options, warn);
            var progress = new ImmediateProgress<BlobPushed>(p => say($"  ImagePush: {p}"));
            return await ImagePusher.PushAsync(
                client, OciLayout.Open(LayoutPath), digest, Repository, Tags, mounts, PushRecord.FromSetting(PushRecordDirectory), progress, CancellationToken).ConfigureAwait(false);
        });

        GeneratedContainerReference = $"{destination?.Registry ?? registry}/{Repository}@{result.Digest}";
        Log.LogMessage(
            MessageImportance.High,
            $"  ImagePush: {GeneratedContainerReference} ({result.Uploaded} uploaded, {result.AlreadyPresent} already present, {result.Mounted} mounted; {ByteSize.Format(result.BytesUploaded)} sent), tags: {string.Join(", ", Tags)}{Referrers(result)}");
        return true;
    }

    protected override Diagnostic CanceledDiagnostic() => Diagnostic.PushCanceled(Registry);


    private static string Referrers(ImagePushResult result) => result.Referrers == 0 ? ""
        : result.FallbackTags.Count == 0 ? $"; {result.Referrers} referrers: SBOMs, provenance, signatures (referrers API)"
        : $"; {result.Referrers} referrers (SBOMs, provenance, signatures), listed by tags {string.Join(", ", result.FallbackTags)} (no referrers API)";

}
