using GoImage.Diagnostics;

namespace GoImage.Tool.Commands;

/// <summary>
/// A coded error about the command line itself — an argument or option naming something that is not
/// there or not valid — which fixing the command line fixes: the command exits with <see cref="ExitCodes.Usage"/>.
/// </summary>
internal sealed class CommandLineException(Diagnostic diagnostic) : Exception(diagnostic.ToString())
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
