using GoImage.Diagnostics;
using GoImage.Kubernetes;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks;

public sealed partial class KubernetesImageProjects : GoImageTask
{
    protected override bool ExecuteCore()
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
        var paths = Manifests.Select(m => Path.GetFullPath(m.ItemSpec, projectDirectory)).ToList();
        var diagnostics = new List<Diagnostic>();
        var outputs = KubernetesManifestSet.OutputPaths(projectDirectory, OutputDirectory,
            [.. Manifests.Select((m, i) => (paths[i], (string?)m.GetMetadata("Link")))], diagnostics);
        var set = KubernetesManifestSet.Read(paths, diagnostics);
        var selfName = Path.GetFileNameWithoutExtension(ProjectFile);
        var roots = SearchRoots.Where(r => r.Length > 0).Select(r => Path.GetFullPath(r, projectDirectory)).ToList();
        var projects = set.LocateProjects(selfName, ProjectFile, roots, diagnostics);
        if (!Report(diagnostics))
        {
            return false;
        }

        ResolvedManifests = [.. Manifests.Select((m, i) =>
        {
            var item = new TaskItem(m);
            item.SetMetadata("OutputPath", outputs[i]);
            return (ITaskItem)item;
        })];
        ImageProjects = [.. projects
            .Where(p => p.Key != selfName)
            .Select(p => (ITaskItem)new TaskItem(p.Value, new Dictionary<string, string> { ["ImageName"] = p.Key }))];
        return true;
    }
}
