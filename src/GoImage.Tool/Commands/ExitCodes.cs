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
    /// --solution); inspect, verify and push also for their setup (nothing at that path, a bad reference, a
    /// build that fails on its own).
    /// </summary>
    public const int Usage = 2;

    public const int Canceled = 130;

    /// <summary>The exit code an inspect, verify or push diagnostic calls for; Messages.resx marks usage and cancel entries.</summary>
    public static int For(Diagnostic diagnostic) =>
        diagnostic.IsCancellation ? Canceled : diagnostic.IsUsageError ? Usage : Failure;
}
