using GoImage.Diagnostics;

namespace GoImage.Tool.Output;

/// <summary>
/// Everything the tool prints goes through here: lines filtered by verbosity, diagnostics as
/// <c>file(line,col): error GOInnnn: message</c> on standard error, and on a terminal one status line
/// that is rewritten in place. Redirected output never gets the status line or any escape code, so
/// logs and tests see plain lines.
/// </summary>
internal sealed class ConsoleReporter
{
    // Erase the line and return to its start: the status line is redrawn over itself.
    private const string ClearLine = "\r\u001b[2K";

    private readonly TextWriter output;
    private readonly TextWriter error;
    private readonly Lock gate = new();
    private string? status;

    public ConsoleReporter(TextWriter output, TextWriter error, Verbosity verbosity, bool interactive)
    {
        this.output = output;
        this.error = error;
        Verbosity = verbosity;
        IsInteractive = interactive;
    }

    public Verbosity Verbosity { get; }

    /// <summary>True when standard output is a terminal that can redraw a status line.</summary>
    public bool IsInteractive { get; }

    public int ErrorCount { get; private set; }

    public int WarningCount { get; private set; }

    /// <summary>The reporter for this process's console.</summary>
    public static ConsoleReporter ForConsole(Verbosity verbosity) =>
        new(Console.Out, Console.Error, verbosity, IsTerminal());

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
            output.WriteLine(line);
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
            error.WriteLine(Format(isWarning, code, message, file, line, column));
            DrawStatus();
        }
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
            output.Write(ClearLine);
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
        output.Write(status.Length > width ? status[..(width - 1)] + "…" : status);
        output.Flush();
    }
}
