using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>LocalRegistry: loads the image tarball into podman or docker with '&lt;engine&gt; load'.</summary>
public sealed partial class ImageLoad
{
    /// <summary>podman or docker.</summary>
    [Required]
    public string Engine { get; set; } = "";

    /// <summary>The tarball ImageLayout wrote.</summary>
    [Required]
    public string ArchivePath { get; set; } = "";

    /// <summary>Extra arguments before 'load', split on ';' (e.g. podman's --root for an isolated store).</summary>
    public string[] EngineArguments { get; set; } = [];
}
