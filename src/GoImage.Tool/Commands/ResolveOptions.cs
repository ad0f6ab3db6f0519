using GoImage.Tool.Output;

namespace GoImage.Tool.Commands;

/// <summary>What <c>goimage resolve</c> was asked to do, as parsed from its command line.</summary>
internal sealed record ResolveOptions(
    IReadOnlyList<string> Files,
    bool Recursive,
    string? OutputDirectory,
    string? ImageRefsPath,
    string? Registry,
    string? Configuration,
    IReadOnlyList<string> Properties,
    Verbosity Verbosity)
{
    /// <summary>Where the repository is looked for (goimage://name lookups); null: the current folder.</summary>
    public string? WorkingDirectory { get; init; }
}
