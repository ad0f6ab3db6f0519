using Microsoft.Build.Framework;
using GoImage.Images;

namespace GoImage.Sdk.Tasks;

/// <summary>
/// Assembles configs, manifests and the index from the layers, then writes the OCI layout and,
/// if asked, the tarball — atomically, after every input has been validated.
/// </summary>
public sealed partial class ImageLayout
{
    /// <summary>ImageLayer's output: shared layers (empty Platform) bottom first, and one app layer a platform.</summary>
    [Required]
    public ITaskItem[] Layers { get; set; } = [];

    /// <summary>Names the default repository when ContainerRepository is empty.</summary>
    public string ProjectName { get; set; } = "";

    public string Repository { get; set; } = "";

    public string ImageTag { get; set; } = "";

    public string[] ImageTags { get; set; } = [];

    /// <summary>ContainerImageVersion: the version the semver tags and the version label come from.</summary>
    public string ImageVersion { get; set; } = "";

    public bool GenerateSemVerTags { get; set; }

    [Required]
    public string AppPath { get; set; } = "";

    public string[] AppCommand { get; set; } = [];

    public string[] AppCommandArgs { get; set; } = [];

    public string[] DefaultArgs { get; set; } = [];

    /// <summary>ImageLayer's ResolvedUser: ContainerUser with names replaced by numeric ids.</summary>
    public string User { get; set; } = "";

    public string WorkingDirectory { get; set; } = "";

    /// <summary>ContainerVolume items: absolute folders, the config's Volumes.</summary>
    public ITaskItem[] Volumes { get; set; } = [];

    /// <summary>ContainerPort items, with optional Type metadata (tcp, udp).</summary>
    public ITaskItem[] Ports { get; set; } = [];

    /// <summary>ContainerEnvironmentVariable items, with Value metadata.</summary>
    public ITaskItem[] EnvironmentVariables { get; set; } = [];

    /// <summary>ContainerLabel items, with Value metadata.</summary>
    public ITaskItem[] Labels { get; set; } = [];

    public string[] HealthCheckCommand { get; set; } = [];

    public string HealthCheckInterval { get; set; } = "";

    public string HealthCheckTimeout { get; set; } = "";

    public string HealthCheckStartPeriod { get; set; } = "";

    public string HealthCheckRetries { get; set; } = "";

    public string SourceDateEpoch { get; set; } = "";

    /// <summary>ContainerGenerateLabels: off turns every generated label and annotation off.</summary>
    public bool GenerateLabels { get; set; } = true;

    public bool GenerateLabelsImageCreated { get; set; } = true;

    /// <summary>Generated org.opencontainers.image.* values, one item a short name (version, revision, source, title) with Value metadata; empty values are skipped.</summary>
    public ITaskItem[] GeneratedLabels { get; set; } = [];

    /// <summary>ContainerImageLayoutPath: the OCI layout folder, always written.</summary>
    [Required]
    public string LayoutPath { get; set; } = "";

    /// <summary>ContainerBaseImage as the project set it: static (or empty), scratch, or a registry reference; the start check names it.</summary>
    public string BaseImage { get; set; } = "";

    /// <summary>A registry base pinned by digest (ImageBase's ResolvedReference); empty for static and scratch.</summary>
    public string BaseImageReference { get; set; } = "";

    /// <summary>ImageBase's Platforms (ContainerBaseImagePlatform items): each platform's base manifest and config fields.</summary>
    public ITaskItem[] BaseImagePlatforms { get; set; } = [];

    /// <summary>ImageBase's Layers (ContainerBaseImageLayer items): the registry base's layers, under the image's own.</summary>
    public ITaskItem[] BaseImageLayers { get; set; } = [];

    /// <summary>
    /// ContainerArchiveOutputPath, ContainerRegistry and LocalRegistry as set: the image goes to one of them, in that order,
    /// and the others are reported as ignored (GOI3025). An archive is a .tar file, or a folder for &lt;repository&gt;.tar.
    /// </summary>
    public string ContainerArchiveOutputPath { get; set; } = "";

    /// <inheritdoc cref="ContainerArchiveOutputPath"/>
    public string ContainerRegistry { get; set; } = "";

    /// <inheritdoc cref="ContainerArchiveOutputPath"/>
    public string LocalRegistry { get; set; } = "";

    /// <summary>The tarball written for a load (LocalRegistry) when no ContainerArchiveOutputPath is set, under obj/.</summary>
    public string LoadArchivePath { get; set; } = "";

    /// <summary>ContainerGenerateSbom: an SPDX document a platform image, from its binary's Go build information, stored as a referrer.</summary>
    public bool GenerateSbom { get; set; }

    /// <summary>GoBinary items (Platform metadata): the binaries the SBOMs describe; needed when GenerateSbom is on.</summary>
    public ITaskItem[] Binaries { get; set; } = [];

    /// <summary>
    /// ContainerSigningKey: an ECDSA P-256 private key (cosign.key, or PKCS#8 PEM) that signs the index and each
    /// platform manifest as cosign does, with signed provenance and SBOM attestations. An encrypted key's password
    /// comes only from GOIMAGE_SIGNING_KEY_PASSWORD or COSIGN_PASSWORD. Empty: no signature.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>ContainerGenerateProvenance: SLSA provenance v1 for the index and each platform manifest (signed with SigningKey, else unsigned); its modules come from Binaries when given.</summary>
    public bool GenerateProvenance { get; set; } = true;

    /// <summary>The project file the provenance names as its external parameter.</summary>
    public string ProjectFile { get; set; } = "";

    /// <summary>The Go toolchain's version (GoResolveToolchain's GoVersion), for the provenance.</summary>
    public string GoVersion { get; set; } = "";

    /// <summary>SourceRevisionId and RepositoryUrl: the source the provenance names, when known.</summary>
    public string SourceRevision { get; set; } = "";

    /// <inheritdoc cref="SourceRevision"/>
    public string RepositoryUrl { get; set; } = "";

    /// <summary>The Go build settings that decide the binary (name with Value metadata), recorded as the provenance's build flags.</summary>
    public ITaskItem[] ProvenanceParameters { get; set; } = [];

    /// <summary>The image index's digest.</summary>
    [Output]
    public string GeneratedContainerDigest { get; set; } = "";

    /// <summary>Each platform's manifest digest, in platform order, ';'-separated.</summary>
    [Output]
    public string GeneratedContainerManifestDigests { get; set; } = "";

    /// <summary>One item a platform (ItemSpec os/arch[/variant]) with ManifestDigest, ConfigDigest, Repository, Tags and, with an SBOM, SbomDigest (its referrer manifest).</summary>
    [Output]
    public ITaskItem[] GeneratedContainer { get; set; } = [];

    [Output]
    public string GeneratedContainerRepository { get; set; } = "";

    [Output]
    public string[] GeneratedContainerTags { get; set; } = [];

    /// <summary>The tarball's full path, when one was written.</summary>
    [Output]
    public string GeneratedArchiveOutputPath { get; set; } = "";

    /// <summary>ContainerRegistry, when the image is to be pushed there (no archive was asked for); else empty.</summary>
    [Output]
    public string PushRegistry { get; set; } = "";

    /// <summary>LocalRegistry, when the image is to be loaded into that engine (no archive or registry was set); else empty.</summary>
    [Output]
    public string LoadEngine { get; set; } = "";

    /// <summary>The OCI layout folder written, absolute and ending in a separator, for CI steps that read it (skopeo oci:…).</summary>
    [Output]
    public string GeneratedContainerLayoutPath { get; set; } = "";
}
