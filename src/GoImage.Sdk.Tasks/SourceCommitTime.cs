using System.Globalization;
using GoImage.Diagnostics;
using GoImage.SourceControl;
using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

public sealed partial class SourceCommitTime : CancelableGoImageTask
{
    protected override bool ExecuteCore()
    {
        var warnings = new List<Diagnostic>();

        // The MSBuild node thread must not block on async work directly.
        var seconds = Task.Run(() => GitCommitTime.ReadAsync(Directory, warnings.Add, CancellationToken)).GetAwaiter().GetResult();
        Report(warnings);
        if (seconds is { } value)
        {
            SecondsSinceEpoch = value.ToString(CultureInfo.InvariantCulture);
            Log.LogMessage(MessageImportance.Normal, $"  SourceCommitTime: HEAD was committed at {SecondsSinceEpoch} ({DateTimeOffset.FromUnixTimeSeconds(value):u}); the image's time");
        }

        return true;
    }
}
