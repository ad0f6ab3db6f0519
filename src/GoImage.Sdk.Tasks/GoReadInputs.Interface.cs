using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>
/// Reads the input record of the last Go build (no Go process): the files to compare with the
/// binaries, plus a never-existing marker path when a watched folder gained or lost a file, which
/// makes MSBuild treat the build as out of date.
/// </summary>
public sealed partial class GoReadInputs
{
    [Required]
    public string RecordFile { get; set; } = "";

    [Output]
    public ITaskItem[] Inputs { get; private set; } = [];
}
