using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>Checks vendor/modules.txt against go.mod before any compile, as the go command would in vendor mode.</summary>
public sealed partial class GoVendorCheck
{
    [Required]
    public string ModuleDirectory { get; set; } = "";

    /// <summary>auto (vendor when vendor/ exists), vendor, mod or readonly. Only vendor mode is checked.</summary>
    public string GoModMode { get; set; } = "auto";

    /// <summary>The toolchain version (<c>go1.23.5</c>), to check the go versions vendor/modules.txt records.</summary>
    public string GoVersion { get; set; } = "";
}
