using GoImage.Diagnostics;
using GoImage.Processes;
using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

public sealed partial class ImageLoad : CancelableGoImageTask
{
    protected override bool ExecuteCore()
    {
        var engine = Engine.Trim().ToLowerInvariant();
        if (engine is not ("podman" or "docker"))
        {
            Report(Diagnostic.LocalRegistryUnknown(Engine));
            return false;
        }

        ProcessResult result;
        try
        {
            result = System.Threading.Tasks.Task.Run(() => ProcessRunner.RunAsync(
                engine, [.. EngineArguments, "load", "-i", ArchivePath], Path.GetDirectoryName(Path.GetFullPath(ArchivePath))!, new Dictionary<string, string?>(), CancellationToken)).GetAwaiter().GetResult();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Report(Diagnostic.LocalRegistryFailed(engine, -1, e.Message + "."));
            return false;
        }

        if (result.ExitCode != 0)
        {
            Report(Diagnostic.LocalRegistryFailed(engine, result.ExitCode, string.Join(" ", result.StandardErrorLines).Trim()));
            return false;
        }

        Log.LogMessage(MessageImportance.High, $"  ImageLoad: {result.StandardOutput.Trim()}");
        return true;
    }
}
