using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>Writes the image's layers (base, ContainerFile items, one app layer a platform) through the layer cache.</summary>
public sealed partial class ImageLayer
{
    /// <summary>GoBinary items: the built binaries with Platform metadata.</summary>
    [Required]
    public ITaskItem[] Binaries { get; set; } = [];

    /// <summary>The binary's absolute path in the image, e.g. <c>/app/hello</c>.</summary>
    [Required]
    public string AppPath { get; set; } = "";

    /// <summary>ContainerBaseImage: empty or <c>static</c> (embedded base), or <c>scratch</c>.</summary>
    public string BaseImage { get; set; } = "";

    /// <summary>ContainerFile items: Include is the project file; TargetPath, Mode and Symlink are metadata.</summary>
    public ITaskItem[] Files { get; set; } = [];

    /// <summary>The project folder; its repository root (git, else go.mod) bounds where ContainerFile sources may resolve.</summary>
    public string ProjectDirectory { get; set; } = "";

    /// <summary>ContainerFileAllowedRoots: more folders ContainerFile sources may resolve into.</summary>
    public string[] AllowedRoots { get; set; } = [];

    /// <summary>SOURCE_DATE_EPOCH: every entry's mtime; empty means 0.</summary>
    public string SourceDateEpoch { get; set; } = "";

    /// <summary>The project's layer cache folder under obj/.</summary>
    [Required]
    public string CacheDirectory { get; set; } = "";

    /// <summary>A user-level cache shared by projects; empty turns it off.</summary>
    public string SharedCacheDirectory { get; set; } = "";

    /// <summary>Every layer: ItemSpec is the blob, with Digest, DiffId, Size, LayerName and Platform (empty for shared layers).</summary>
    [Output]
    public ITaskItem[] Layers { get; set; } = [];
}
