using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>
/// Reads the KubernetesManifest items, checks they parse, and finds the project each <c>goimage://&lt;name&gt;</c> names:
/// this project, or one <c>&lt;name&gt;.goproj</c> under the solution's or this project's folder. Writes nothing.
/// </summary>
public sealed partial class KubernetesImageProjects
{
    /// <summary>KubernetesManifest items (YAML or JSON files); Link metadata, when set, is the output path under OutputDirectory.</summary>
    public ITaskItem[] Manifests { get; set; } = [];

    /// <summary>$(MSBuildProjectFullPath): its file name without extension is the name goimage:// uses for this project.</summary>
    [Required]
    public string ProjectFile { get; set; } = "";

    /// <summary>Folders searched for other projects' &lt;name&gt;.goproj ($(SolutionDir) and the project's folder).</summary>
    public string[] SearchRoots { get; set; } = [];

    /// <summary>KubernetesManifestOutputPath: the resolved manifests go below it.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>Each manifest with OutputPath metadata: the file it is resolved into.</summary>
    [Output]
    public ITaskItem[] ResolvedManifests { get; set; } = [];

    /// <summary>Every other project the manifests name (full path), with ImageName metadata: publish and push these first.</summary>
    [Output]
    public ITaskItem[] ImageProjects { get; set; } = [];
}
