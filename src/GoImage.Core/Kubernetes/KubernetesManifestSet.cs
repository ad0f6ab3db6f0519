using GoImage.Diagnostics;
using GoImage.IO;

namespace GoImage.Kubernetes;

/// <summary>
/// The manifests of one publish or one <c>goimage resolve</c>: read and parsed together, their <c>goimage://</c> names
/// matched to projects and then to pushed images, and written only when every file resolved.
/// </summary>
public sealed class KubernetesManifestSet
{
    private KubernetesManifestSet(IReadOnlyList<KubernetesManifest> manifests) => Manifests = manifests;

    public IReadOnlyList<KubernetesManifest> Manifests { get; }

    /// <summary>Every name a manifest uses, in order of first appearance.</summary>
    public IReadOnlyList<string> Names => [.. Manifests.SelectMany(m => m.Images).Select(i => i.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>Reads every file (in the order given); each missing or invalid one adds its diagnostic.</summary>
    public static KubernetesManifestSet Read(IEnumerable<string> paths, List<Diagnostic> diagnostics)
    {
        var manifests = new List<KubernetesManifest>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                diagnostics.Add(Diagnostic.KubernetesManifestMissing(path));
                continue;
            }

            try
            {
                manifests.Add(KubernetesManifest.Read(path));
            }
            catch (GoImageException e)
            {
                diagnostics.Add(e.Diagnostic);
            }
        }

        return new KubernetesManifestSet(manifests);
    }

    /// <summary>
    /// The project each name means: <paramref name="selfName"/> is <paramref name="selfPath"/>; any other name a
    /// single <c>&lt;name&gt;.goproj</c> under <paramref name="roots"/>. An unknown or ambiguous name adds a diagnostic
    /// at each place it is used.
    /// </summary>
    public IReadOnlyDictionary<string, string> LocateProjects(string? selfName, string? selfPath, IReadOnlyList<string> roots, List<Diagnostic> diagnostics)
    {
        var projects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            if (name == selfName && selfPath is not null)
            {
                projects[name] = Path.GetFullPath(selfPath);
                continue;
            }

            var found = GoProjectSearch.IsProjectName(name) ? GoProjectSearch.Find(name, roots) : [];
            if (found.Count == 1)
            {
                projects[name] = found[0];
                continue;
            }

            var searched = string.Join(", ", roots.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal));
            var problem = found.Count == 0
                ? Diagnostic.KubernetesImageNameUnknown(name, searched, selfName ?? "api")
                : Diagnostic.KubernetesImageNameAmbiguous(name, string.Join(", ", found));
            diagnostics.AddRange(Occurrences(name).Select(o => o.Manifest.At(o.Image, problem)));
        }

        return projects;
    }

    /// <summary>
    /// Each manifest's text with its names replaced by <paramref name="images"/>' references; null, with diagnostics at
    /// the places, when a name has no pushed image (<c>null</c> value: published without a registry) or no tag to write.
    /// </summary>
    public IReadOnlyList<string>? Substitute(IReadOnlyDictionary<string, PushedImage?> images, KubernetesReferenceStyle style, List<Diagnostic> diagnostics)
    {
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        var failed = false;
        foreach (var name in Names)
        {
            Diagnostic? problem = null;
            if (!images.TryGetValue(name, out var image))
            {
                problem = Diagnostic.KubernetesImageNameUnknown(name, "the projects given", name);
            }
            else if (image is null)
            {
                problem = Diagnostic.KubernetesImageNotPushed(name);
            }
            else if (image.Format(style) is { } reference)
            {
                references[name] = reference;
            }
            else
            {
                problem = Diagnostic.KubernetesImageTagMissing(name, image.Reference);
            }

            if (problem is not null)
            {
                failed = true;
                diagnostics.AddRange(Occurrences(name).Select(o => o.Manifest.At(o.Image, problem)));
            }
        }

        return failed ? null : [.. Manifests.Select(m => m.Substitute(references))];
    }

    /// <summary>
    /// Writes each manifest's resolved text to its output path (each file atomically). Call only once every manifest
    /// resolved; a file that cannot be written removes those this call wrote before it, so no set is half resolved.
    /// </summary>
    public void Write(IReadOnlyList<string> texts, IReadOnlyList<string> outputPaths)
    {
        var written = new List<string>();
        try
        {
            for (var i = 0; i < Manifests.Count; i++)
            {
                AtomicFile.WriteAllBytes(outputPaths[i], Manifests[i].Encode(texts[i]));
                written.Add(outputPaths[i]);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            written.ForEach(File.Delete);
            throw;
        }
    }

    /// <summary>
    /// Where a project's manifest goes under <paramref name="outputDirectory"/>: its Link when set, else its path
    /// relative to the project, else (outside the project's folder) its file name. Two manifests on one path add GOI5006.
    /// </summary>
    public static IReadOnlyList<string> OutputPaths(string projectDirectory, string outputDirectory, IReadOnlyList<(string Path, string? Link)> manifests, List<Diagnostic> diagnostics)
    {
        var paths = new List<string>();
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, link) in manifests)
        {
            var relative = link is { Length: > 0 } ? link : Path.GetRelativePath(projectDirectory, Path.GetFullPath(path, projectDirectory));
            if (Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || relative.StartsWith("..\\", StringComparison.Ordinal))
            {
                relative = Path.GetFileName(path);
            }

            var output = Path.GetFullPath(Path.Combine(outputDirectory, relative));
            if (taken.TryGetValue(output, out var other))
            {
                diagnostics.Add(Diagnostic.KubernetesOutputConflict(other, path, output));
            }

            taken[output] = path;
            paths.Add(output);
        }

        return paths;
    }

    private IEnumerable<(KubernetesManifest Manifest, ImageSchemeScalar Image)> Occurrences(string name) =>
        Manifests.SelectMany(m => m.Images.Where(i => i.Name == name).Select(i => (m, i)));
}
