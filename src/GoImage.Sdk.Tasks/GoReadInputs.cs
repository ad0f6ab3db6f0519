using GoImage.Go;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks;

public sealed partial class GoReadInputs : GoImageTask
{
    protected override bool ExecuteCore()
    {
        var (files, changed) = GoInputRecord.Read(RecordFile);
        var inputs = files.ToList();
        if (changed)
        {
            // MSBuild rebuilds a target whose input does not exist; this path is never created.
            inputs.Add(RecordFile + ".changed");
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"Go input set changed or unknown ({RecordFile}); the Go build will run.");
        }

        Inputs = inputs.Select(f => (Microsoft.Build.Framework.ITaskItem)new TaskItem(f)).ToArray();
        return true;
    }
}
