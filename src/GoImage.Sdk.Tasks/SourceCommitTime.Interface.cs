using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>The HEAD commit's time of the git repository holding a folder: the image's default SOURCE_DATE_EPOCH.</summary>
public sealed partial class SourceCommitTime
{
    /// <summary>The project folder; the repository is found from it upwards.</summary>
    [Required]
    public string Directory { get; set; } = "";

    /// <summary>Whole seconds since 1970; empty outside a git repository or when the time cannot be read.</summary>
    [Output]
    public string SecondsSinceEpoch { get; private set; } = "";
}
