using System.CommandLine;
using GoImage.Diagnostics;

namespace GoImage.Tool.ImageCommands;

/// <summary>Where inspect, verify and push write: results to the output, progress and diagnostics (<c>error GOInnnn: …</c>) to the error stream.</summary>
internal sealed class ImageCommandConsole(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public static ImageCommandConsole From(ParseResult parseResult) =>
        new(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);

    public void Report(Diagnostic diagnostic) => Error.WriteLine(diagnostic.ToString());

    /// <summary>Reports <paramref name="diagnostic"/> and returns the exit code it calls for.</summary>
    public int Fail(Diagnostic diagnostic)
    {
        Report(diagnostic);
        return Commands.ExitCodes.For(diagnostic);
    }
}
