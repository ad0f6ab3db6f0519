namespace GoImage.Tool.Building;

/// <summary>What a finished build reports back: its result and the outputs the summary shows, read from the project after the build.</summary>
internal sealed record BuildOutcome(bool Succeeded, TimeSpan Duration)
{
    public string Configuration { get; init; } = "";

    /// <summary>GoBinary items: platform (<c>linux/amd64</c>) → binary path.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Binaries { get; init; } = [];

    public string? ImageDigest { get; init; }

    public string? Repository { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? LayoutPath { get; init; }

    public string? ArchivePath { get; init; }

    public string? PushedReference { get; init; }
}
