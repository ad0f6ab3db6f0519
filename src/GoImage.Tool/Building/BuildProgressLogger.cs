using System.Diagnostics;
using System.Globalization;
using GoImage.Tool.Output;
using Microsoft.Build.Framework;

namespace GoImage.Tool.Building;

/// <summary>
/// Shows a build the way a user follows it: errors and warnings as <c>file(line,col): error CODE: message</c>,
/// the SDK's step lines (<c>GoBuild: linux/amd64 -> …</c>, <c>ImageLayer: …</c>, <c>ImagePush: … uploaded (1.2 MiB)</c>,
/// all high-importance messages), each long step's start and finish, and on a terminal a status line
/// naming the running step with its elapsed time.
/// </summary>
internal sealed class BuildProgressLogger(ConsoleReporter reporter) : ILogger, IDisposable
{
    // The SDK's tasks a user waits for, and what they are doing meanwhile.
    private static readonly Dictionary<string, string> Steps = new(StringComparer.Ordinal)
    {
        ["GoBuild"] = "compiling Go",
        ["ImageBase"] = "resolving the base image",
        ["ImageLayer"] = "writing layers",
        ["ImageLayout"] = "writing the OCI layout",
        ["ImagePush"] = "pushing",
        ["ImageLoad"] = "loading into the container engine",
    };

    private readonly Lock gate = new();
    private readonly Stopwatch stepClock = new();
    private string? step;
    private Timer? ticker;

    public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Normal;

    public string? Parameters { get; set; }

    public void Initialize(IEventSource eventSource)
    {
        eventSource.ErrorRaised += (_, e) => reporter.Report(false, e.Code, e.Message ?? "", e.File, e.LineNumber, e.ColumnNumber);
        eventSource.WarningRaised += (_, e) => reporter.Report(true, e.Code, e.Message ?? "", e.File, e.LineNumber, e.ColumnNumber);
        eventSource.MessageRaised += (_, e) => OnMessage(e);
        eventSource.TargetStarted += (_, e) => OnTargetStarted(e);
        eventSource.TargetFinished += (_, e) => OnTargetFinished(e);
        eventSource.TaskStarted += (_, e) => OnTaskStarted(e);
        eventSource.TaskFinished += (_, e) => OnTaskFinished(e);
        if (reporter.IsInteractive)
        {
            ticker = new Timer(_ => ShowStatus(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    public void Shutdown()
    {
        Dispose();
        reporter.Status(null);
    }

    public void Dispose()
    {
        ticker?.Dispose();
        ticker = null;
    }

    private void OnMessage(BuildMessageEventArgs e)
    {
        if (string.IsNullOrEmpty(e.Message))
        {
            return;
        }

        var minimum = e.Importance switch
        {
            MessageImportance.High => Output.Verbosity.Minimal,
            MessageImportance.Normal => Output.Verbosity.Normal,
            _ => Output.Verbosity.Detailed,
        };
        reporter.Line(e.Message.TrimEnd(), minimum);
    }

    private void OnTargetStarted(TargetStartedEventArgs e)
    {
        reporter.Line($"{e.TargetName}:", Output.Verbosity.Normal);
        if (e.TargetName == "Restore")
        {
            Start("restoring packages");
        }
    }

    private void OnTargetFinished(TargetFinishedEventArgs e)
    {
        if (e.TargetName == "Restore")
        {
            lock (gate)
            {
                step = null;
            }

            reporter.Status(null);
        }
    }

    private void OnTaskStarted(TaskStartedEventArgs e)
    {
        if (Steps.TryGetValue(e.TaskName, out var doing))
        {
            reporter.Line($"  {e.TaskName}: started", Output.Verbosity.Normal);
            Start($"{e.TaskName}: {doing}");
        }
    }

    private void OnTaskFinished(TaskFinishedEventArgs e)
    {
        if (!Steps.ContainsKey(e.TaskName))
        {
            return;
        }

        string seconds;
        lock (gate)
        {
            seconds = stepClock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            step = null;
        }

        reporter.Line($"  {e.TaskName}: {(e.Succeeded ? "finished" : "failed")} in {seconds} s");
        reporter.Status(null);
    }

    private void Start(string text)
    {
        lock (gate)
        {
            step = text;
            stepClock.Restart();
        }

        ShowStatus();
    }

    private void ShowStatus()
    {
        string? text;
        lock (gate)
        {
            text = step is null ? null : $"{step}… {(int)stepClock.Elapsed.TotalSeconds} s";
        }

        if (text is not null)
        {
            reporter.Status(text);
        }
    }
}
