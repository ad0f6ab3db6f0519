using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>Claims GoIntermediateOutputPath for this project; another project's folder is GOI1022.</summary>
public sealed partial class GoClaimIntermediateDirectory
{
    /// <summary>GoIntermediateOutputPath.</summary>
    [Required]
    public string Directory { get; set; } = "";

    /// <summary>$(MSBuildProjectFullPath).</summary>
    [Required]
    public string ProjectFile { get; set; } = "";
}
