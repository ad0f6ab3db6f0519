namespace GoImage.Verification;

/// <summary>One isolated build of <c>goimage verify</c>: where its copy lives, how it differed from the other, and its output.</summary>
public sealed record PublishedCopy(int Number, string ProjectFile, string TimeZone, string LayoutPath)
{
    public string Output { get; init; } = "";

    public int ExitCode { get; init; }

    public bool Succeeded => ExitCode == 0;
}
