using GoImage.Tool.Output;

namespace GoImage.Tool.Building;

/// <summary>What to build: the project, its targets and the global properties, with nothing of MSBuild in it.</summary>
/// <param name="ProjectPath">The project file's full path.</param>
/// <param name="Targets">Build, or Publish.</param>
/// <param name="Properties">Global properties, later assignments winning (as on MSBuild's command line).</param>
/// <param name="Verbosity">Which of the build's messages to show.</param>
internal sealed record BuildRequest(string ProjectPath, IReadOnlyList<string> Targets, IReadOnlyDictionary<string, string> Properties, Verbosity Verbosity)
{
    public bool IsPublish => Targets.Contains("Publish", StringComparer.OrdinalIgnoreCase);
}
