using System.Collections;
using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks.Tests;

/// <summary>Records what a task logs, for assertions; builds no projects.</summary>
internal sealed class FakeBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.goproj";

    public void LogErrorEvent(BuildErrorEventArgs e)
    {
        lock (Errors)
        {
            Errors.Add(e);
        }
    }

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        lock (Warnings)
        {
            Warnings.Add(e);
        }
    }

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
        lock (Messages)
        {
            Messages.Add(e);
        }
    }

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();

    /// <summary>Everything logged, one event a line, for failure messages.</summary>
    public string Log => string.Join(Environment.NewLine,
        Errors.Select(e => $"error {e.Code}: {e.File}({e.LineNumber},{e.ColumnNumber}) {e.Message}")
            .Concat(Warnings.Select(w => $"warning {w.Code}: {w.Message}"))
            .Concat(Messages.Select(m => m.Message)));
}
