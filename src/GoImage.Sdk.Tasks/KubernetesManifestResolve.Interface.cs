using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>
/// Writes each manifest to its OutputPath with every scalar that is exactly <c>goimage://&lt;name&gt;</c> replaced by
/// that project's pushed reference; every other byte as read. Any error writes nothing.
/// </summary>
public sealed partial class KubernetesManifestResolve
{
    /// <summary>The manifests KubernetesImageProjects returned, each with OutputPath metadata.</summary>
    public ITaskItem[] Manifests { get; set; } = [];

    /// <summary>$(MSBuildProjectFullPath): goimage://&lt;its file name without extension&gt; is this project's image.</summary>
    [Required]
    public string ProjectFile { get; set; } = "";

    /// <summary>GeneratedContainerReference of this project; empty when the publish pushed nothing.</summary>
    public string Reference { get; set; } = "";

    /// <summary>GeneratedContainerTag items of this project: the first is written with ContainerKubernetesReference=tag.</summary>
    public string[] Tags { get; set; } = [];

    /// <summary>Other projects' pushed images (ContainerPushedImage): ItemSpec the name, Reference and Tags metadata.</summary>
    public ITaskItem[] Images { get; set; } = [];

    /// <summary>ContainerKubernetesReference: digest (registry/repository@sha256:…) or tag (registry/repository:tag@sha256:…).</summary>
    public string ReferenceStyle { get; set; } = "";

    /// <summary>The files written.</summary>
    [Output]
    public ITaskItem[] GeneratedKubernetesManifests { get; set; } = [];
}
