namespace GoImage.Tool.Commands;

/// <summary>What the goimage process returns.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A failed build, a refused command, or any reported error.</summary>
    public const int Failure = 1;
}
