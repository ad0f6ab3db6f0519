using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>Parses GoTargetPlatforms into one GoBinary item per platform, with where its binary goes.</summary>
public sealed partial class GoResolvePlatforms
{
    /// <summary><c>os/arch[/variant]</c> entries; empty means linux and the host's architecture.</summary>
    public string[] Platforms { get; set; } = [];

    /// <summary>The folder under which each platform gets its own <c>os_arch[_variant]</c> folder.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    [Required]
    public string BinaryName { get; set; } = "";

    /// <summary>The binaries to build: full paths, with Platform, GoOS, GoArch, GoVariant and PlatformDirectory metadata.</summary>
    [Output]
    public ITaskItem[] Binaries { get; private set; } = [];
}
