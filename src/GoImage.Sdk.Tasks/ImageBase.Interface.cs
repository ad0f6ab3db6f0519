using Microsoft.Build.Framework;
using GoImage.Images;

namespace GoImage.Sdk.Tasks;

/// <summary>Resolves a registry ContainerBaseImage through goimage.lock.json and brings its blobs into the cache.</summary>
public sealed partial class ImageBase
{
    /// <summary>ContainerBaseImage: host[:port]/repository[:tag][@sha256:…]; Docker Hub short names are normalised.</summary>
    [Required]
    public string BaseImage { get; set; } = "";

    /// <summary>GoBinary items: their Platform metadata says which platforms of the base to pull.</summary>
    [Required]
    public ITaskItem[] Binaries { get; set; } = [];

    /// <summary>The lock file, goimage.lock.json beside the project by default.</summary>
    [Required]
    public string LockFilePath { get; set; } = "";

    /// <summary>ContainerBaseImageRefresh: resolve the tag again and rewrite the lock.</summary>
    public bool Refresh { get; set; }

    /// <summary>ContainerLockedMode: fail when the lock is missing or names another image, instead of writing it.</summary>
    public bool LockedMode { get; set; }

    /// <summary>The user-level blob cache (content-addressed, shared by builds).</summary>
    [Required]
    public string CacheDirectory { get; set; } = "";

    /// <summary>ContainerInsecureRegistries: registries (host:port) that may be reached over plain HTTP.</summary>
    public string InsecureRegistries { get; set; } = "";

    /// <summary>ContainerRegistryTimeout: seconds without progress before a request fails.</summary>
    public string Timeout { get; set; } = "";

    /// <summary>The base pinned by digest: host/repository[:tag]@sha256:….</summary>
    [Output]
    public string ResolvedReference { get; set; } = "";

    /// <summary>
    /// One item a platform (ItemSpec os/arch[/variant]): ManifestDigest, and the config fields an image built on it keeps:
    /// ConfigPlatform, Env, Labels, ExposedPorts and History (JSON). ImageLayer and ImageLayout take them instead of reading the cache again.
    /// </summary>
    [Output]
    public ITaskItem[] Platforms { get; set; } = [];

    /// <summary>
    /// Each platform's layers, bottom first: ItemSpec the blob in the cache, with Digest, DiffId, Size, MediaType, LayerName and
    /// Platform metadata, and Registry and Repository, so a push can mount it instead of uploading.
    /// </summary>
    [Output]
    public ITaskItem[] Layers { get; set; } = [];
}
