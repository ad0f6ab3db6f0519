using Microsoft.Build.Framework;
using GoImage.Images;

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

    /// <summary>ContainerFile items: Include is the project file; TargetPath, Mode, Owner and Symlink are metadata.</summary>
    public ITaskItem[] Files { get; set; } = [];

    /// <summary>ContainerUser: numeric, or a name resolved against the base's /etc/passwd and the added accounts.</summary>
    public string User { get; set; } = "";

    /// <summary>ContainerVolume items: each folder is created owned by the image's user.</summary>
    public ITaskItem[] Volumes { get; set; } = [];

    /// <summary>ContainerDirectory items: empty folders with Owner (default the image's user) and Mode (default 0755) metadata.</summary>
    public ITaskItem[] Directories { get; set; } = [];

    /// <summary>ContainerUserAccount items: Include is the name; Uid, Gid, Home and Shell are metadata.</summary>
    public ITaskItem[] UserAccounts { get; set; } = [];

    /// <summary>A registry base pinned by digest (ImageBase's ResolvedReference): its layers are read for names.</summary>
    public string BaseImageReference { get; set; } = "";

    /// <summary>ImageBase's Platforms (ContainerBaseImagePlatform items): the registry base's part for each platform.</summary>
    public ITaskItem[] BaseImagePlatforms { get; set; } = [];

    /// <summary>ImageBase's Layers (ContainerBaseImageLayer items): the registry base's layer blobs, whose /etc/passwd and /etc/group name users.</summary>
    public ITaskItem[] BaseImageLayers { get; set; } = [];

    /// <summary>The project folder; its repository root (git, else go.mod) bounds where ContainerFile sources may resolve.</summary>
    public string ProjectDirectory { get; set; } = "";

    /// <summary>ContainerFileAllowedRoots: more folders ContainerFile sources may resolve into.</summary>
    public string[] AllowedRoots { get; set; } = [];

    /// <summary>ContainerLayerCompression: <c>gzip</c> (empty: the default) or <c>zstd</c>, for the layers written here.</summary>
    public string LayerCompression { get; set; } = "";

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

    /// <summary>The config's User: ContainerUser as written when numeric, else the name's numeric uid:gid.</summary>
    [Output]
    public string ResolvedUser { get; set; } = "";
}
