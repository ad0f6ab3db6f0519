using GoImage.Diagnostics;

namespace GoImage.Tool.Commands;

/// <summary>What the goimage process returns; each command's --help lists the codes it uses.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A failed build, a refused command, a reported error; for verify: the two builds differ.</summary>
    public const int Failure = 1;

    /// <summary>
    /// Every command: a command line that does not parse (<see cref="ToolCommandLine.InvokeAsync"/>) or an
    /// argument naming nothing usable (<see cref="CommandLineException"/>: no project, a bad -p, --name, --package,
    /// --solution); inspect, verify, push and resolve also for their setup (nothing at that path, a bad reference, a
    /// build that fails on its own).
    /// </summary>
    public const int Usage = 2;

    public const int Canceled = 130;

    private static readonly HashSet<string> CanceledCodes = ["GOI4064", "GOI5023"];

    // Codes that mean the user named something that is not there or not valid: fixing the command line fixes them.
    private static readonly HashSet<string> UsageCodes = ["GOI4050", "GOI4052", "GOI4055", "GOI4057", "GOI4058", "GOI4062", "GOI4063"];

    /// <summary>The exit code an inspect, verify, push or resolve diagnostic calls for.</summary>
    public static int For(Diagnostic diagnostic) =>
        CanceledCodes.Contains(diagnostic.Code) ? Canceled : UsageCodes.Contains(diagnostic.Code) ? Usage : Failure;
}
