namespace GoImage.Tool.ImageCommands;

/// <summary>The exit codes of inspect, verify and push; each command's --help lists them.</summary>
internal static class ImageCommandExitCodes
{
    public const int Success = 0;

    /// <summary>verify: the two builds differ; inspect and push: the image or the registry failed.</summary>
    public const int Failed = 1;

    /// <summary>Arguments or setup: nothing at that path, a bad reference, no project, a build that fails on its own.</summary>
    public const int Usage = 2;

    public const int Canceled = 130;

    // Codes that mean the user named something that is not there or not valid: fixing the command line fixes them.
    private static readonly HashSet<string> UsageCodes = ["GOI4050", "GOI4052", "GOI4055", "GOI4057", "GOI4058", "GOI4062", "GOI4063"];

    public static int For(Diagnostics.Diagnostic diagnostic) => UsageCodes.Contains(diagnostic.Code) ? Usage : Failed;
}
