using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>Pushes the image in the OCI layout to a registry: blobs, then manifests, then the index, then every tag.</summary>
public sealed partial class ImagePush
{
    /// <summary>ContainerRegistry: host[:port] of the destination.</summary>
    [Required]
    public string Registry { get; set; } = "";

    /// <summary>The repository in the registry (ContainerRepository, normalised).</summary>
    [Required]
    public string Repository { get; set; } = "";

    /// <summary>Every tag to point at the image.</summary>
    public string[] Tags { get; set; } = [];

    /// <summary>The OCI layout ImageLayout wrote.</summary>
    [Required]
    public string LayoutPath { get; set; } = "";

    /// <summary>The index digest in the layout (GeneratedContainerDigest).</summary>
    [Required]
    public string ImageDigest { get; set; } = "";

    /// <summary>ImageBase's Layers (ContainerBaseImageLayer items), with Registry and Repository: mounted instead of uploaded when on the same registry.</summary>
    public ITaskItem[] MountSources { get; set; } = [];

    /// <summary>ContainerInsecureRegistries: registries (host:port) that may be reached over plain HTTP; loopback always may.</summary>
    public string InsecureRegistries { get; set; } = "";

    /// <summary>ContainerRegistryTimeout: seconds without progress before a request fails.</summary>
    public string Timeout { get; set; } = "";

    /// <summary>ContainerRegistryChunkedUpload: send blobs in PATCH chunks instead of one PUT.</summary>
    public bool ChunkedUpload { get; set; }

    /// <summary>ContainerPushRecordDirectory: where what each push left in a repository is recorded, so a re-push skips a HEAD per blob; empty or 'none': no record.</summary>
    public string PushRecordDirectory { get; set; } = "";

    /// <summary>registry/repository@sha256:… of the pushed index.</summary>
    [Output]
    public string GeneratedContainerReference { get; set; } = "";
}
