using GoImage.Diagnostics;
using GoImage.Kubernetes;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks;

public sealed partial class KubernetesManifestResolve : GoImageTask
{
    protected override bool ExecuteCore()
    {
        var diagnostics = new List<Diagnostic>();
        var style = PushedImage.ParseStyle(ReferenceStyle, diagnostics);
        var set = KubernetesManifestSet.Read(Manifests.Select(m => m.GetMetadata("FullPath")), diagnostics);
        if (!Report(diagnostics))
        {
            return false;
        }

        var images = new Dictionary<string, PushedImage?>(StringComparer.Ordinal)
        {
            [Path.GetFileNameWithoutExtension(ProjectFile)] = Pushed(Reference, Tags),
        };
        foreach (var image in Images)
        {
            images[image.ItemSpec] = Pushed(image.GetMetadata("Reference"), image.GetMetadata("Tags").Split(';', StringSplitOptions.RemoveEmptyEntries));
        }

        var texts = set.Substitute(images, style, diagnostics);
        if (!Report(diagnostics) || texts is null)
        {
            return false;
        }

        var outputs = Manifests.Select(m => m.GetMetadata("OutputPath")).ToList();
        set.Write(texts, outputs);
        foreach (var output in outputs)
        {
            Log.LogMessage(MessageImportance.High, $"  KubernetesManifest: {output}");
        }

        GeneratedKubernetesManifests = [.. outputs.Select(o => (ITaskItem)new TaskItem(o))];
        return true;
    }

    private static PushedImage? Pushed(string reference, string[] tags) =>
        PushedImage.TryCreate(reference, tags.Length > 0 ? tags[0] : null, out var image) ? image : null;
}
