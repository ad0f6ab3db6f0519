using GoImage.Diagnostics;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks;

/// <summary>What every GoImage task shares: coded diagnostics become MSBuild errors and warnings with a place.</summary>
public abstract class GoImageTask : Microsoft.Build.Utilities.Task
{
    internal void Report(Diagnostic d)
    {
        if (d.IsWarning)
        {
            Log.LogWarning(null, d.Code, d.Code, null, d.File ?? "", d.Line, d.Column, 0, 0, d.Message);
        }
        else
        {
            Log.LogError(null, d.Code, d.Code, null, d.File ?? "", d.Line, d.Column, 0, 0, d.Message);
        }
    }

    /// <summary>Reports each diagnostic; true when none was an error.</summary>
    internal bool Report(IEnumerable<Diagnostic> diagnostics)
    {
        var ok = true;
        foreach (var d in diagnostics)
        {
            Report(d);
            ok &= d.IsWarning;
        }

        return ok;
    }

    public sealed override bool Execute()
    {
        try
        {
            return ExecuteCore() && !Log.HasLoggedErrors;
        }
        catch (GoImageException e)
        {
            Report(e.Diagnostic);
            return false;
        }
        catch (OperationCanceledException)
        {
            Report(CanceledDiagnostic());
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk is the user's to fix: a coded message, not a task crash with a stack.
            Report(Diagnostic.FileSystemFailed(e.Message));
            return false;
        }
    }

    protected abstract bool ExecuteCore();

    /// <summary>What a cancellation that reaches Execute reports: by default, that the image outputs were left as they were.</summary>
    protected virtual Diagnostic CanceledDiagnostic() => Diagnostic.ImageWriteCanceled();
}
