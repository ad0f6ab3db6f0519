using System.CommandLine;
using GoImage.Diagnostics;
using GoImage.Tool.Commands;

namespace GoImage.Tool.Output;

/// <summary>
/// Everything every command prints goes through here: lines filtered by verbosity, diagnostics as
/// <c>file(line,col): error GOInnnn: message</c> on standard error, and on a terminal one status line
/// that is rewritten in place. Redirected output never gets the status line or any escape code, so
/// logs and tests see plain lines. inspect, verify and push write their result to <see cref="Output"/>
/// and their progress to <see cref="Error"/>, so a pipe gets only the result.
/// </summary>
internal sealed class ConsoleReporter
{
    // Erase the line and return to its start: the status line is redrawn over itself.
    private const string ClearLine = "\r\u001b[2K";

    private readonly Lock gate = new();
    private string? status;

    public ConsoleReporter(TextWriter output, TextWriter error, Verbosity verbosity, bool interactive)
    {
        Output = output;
        Error = error;
        Verbosity = verbosity;
        IsInteractive = interactive;
    }

    public Verbosity Verbosity { get; }

    /// <summary>Standard output: results (inspect's text or JSON, push's reference, verify's verdict).</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: diagnostics, and the progress of commands whose output is a result.</summary>
    public TextWriter Error { get; }

    /// <summary>True when standard output is a terminal that can redraw a status line.</summary>
    public bool IsInteractive { get; }

    public int ErrorCount { get; private set; }

    public int WarningCount { get; private set; }

    /// <summary>
    /// The reporter for a parsed command line: its invocation's writers (the console unless a test gives
    /// others) and its --verbosity; a status line only when the output is this process's terminal.
    /// </summary>
    public static ConsoleReporter From(ParseResult parseResult)
    {
        var configuration = parseResult.InvocationConfiguration;
        var interactive = ReferenceEquals(configuration.Output, Console.Out) && IsTerminal();
        return new ConsoleReporter(configuration.Output, configuration.Error, VerbosityOption.Read(parseResult), interactive);
    }

    /// <summary>Writes <paramref name="line"/> when the verbosity is at least <paramref name="minimum"/>.</summary>
    public void Line(string line, Verbosity minimum = Verbosity.Minimal)
    {
        if (Verbosity < minimum)
        {
            return;
        }

        lock (gate)
        {
            EraseStatus();
            Output.WriteLine(line);
            DrawStatus();
        }
    }

    public void Report(Diagnostic diagnostic) =>
        Report(diagnostic.IsWarning, diagnostic.Code, diagnostic.Message, diagnostic.File, diagnostic.Line, diagnostic.Column);

    /// <summary>An error or warning in the form compilers and IDEs recognise.</summary>
    public void Report(bool isWarning, string? code, string message, string? file, int line, int column)
    {
        lock (gate)
        {
            if (isWarning)
            {
                WarningCount++;
            }
            else
            {
                ErrorCount++;
            }

            EraseStatus();
            Error.WriteLine(Format(isWarning, code, message, file, line, column));
            DrawStatus();
        }
    }

    /// <summary>Reports <paramref name="diagnostic"/> and returns the exit code it calls for.</summary>
    public int Fail(Diagnostic diagnostic)
    {
        Report(diagnostic);
        return ExitCodes.For(diagnostic);
    }

    /// <summary>Shows <paramref name="text"/> as the live status line on a terminal; ignored elsewhere.</summary>
    public void Status(string? text)
    {
        if (!IsInteractive || Verbosity == Verbosity.Quiet)
        {
            return;
        }

        lock (gate)
        {
            EraseStatus();
            status = text;
            DrawStatus();
        }
    }

    internal static string Format(bool isWarning, string? code, string message, string? file, int line, int column)
    {
        var where = string.IsNullOrEmpty(file) ? "" : line > 0 ? $"{file}({line},{column}): " : $"{file}: ";
        var kind = isWarning ? "warning" : "error";
        return string.IsNullOrEmpty(code) ? $"{where}{kind}: {message}" : $"{where}{kind} {code}: {message}";
    }

    private static bool IsTerminal() =>
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    // Some terminals (and pseudo-terminals without a size) report 0 columns.
    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth is var columns and > 20 ? columns : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    private void EraseStatus()
    {
        if (status is not null)
        {
            Output.Write(ClearLine);
        }
    }

    private void DrawStatus()
    {
        if (status is null)
        {
            return;
        }

        // A line longer than the terminal wraps, and \r then erases only its last row.
        var width = TerminalWidth() - 1;
        Output.Write(status.Length > width ? status[..(width - 1)] + "…" : status);
        Output.Flush();
    }
}
