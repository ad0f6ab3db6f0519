using GoImage.Diagnostics;
using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>A GoImage task MSBuild can cancel (Ctrl+C, IDE cancel): the work watches <see cref="CancellationToken"/>.</summary>
public abstract class CancelableGoImageTask : GoImageTask, ICancelableTask, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    protected CancellationToken CancellationToken => _cancel.Token;

    public void Cancel() => _cancel.Cancel();

    /// <summary>
    /// Runs async work off the MSBuild thread and logs the messages it posts as they come, from the
    /// MSBuild thread: progress shows while a push runs, and the logger is never called concurrently.
    /// </summary>
    internal T RunLogging<T>(Func<Action<Diagnostic>, Action<string>, System.Threading.Tasks.Task<T>> work)
    {
        using var messages = new System.Collections.Concurrent.BlockingCollection<object>();
        var running = System.Threading.Tasks.Task.Run(async () =>
        {
            try
            {
                return await work(messages.Add, messages.Add).ConfigureAwait(false);
            }
            finally
            {
                messages.CompleteAdding();
            }
        });
        foreach (var message in messages.GetConsumingEnumerable())
        {
            if (message is Diagnostic diagnostic)
            {
                Report(diagnostic);
            }
            else
            {
                Log.LogMessage(MessageImportance.High, (string)message);
            }
        }

        return running.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _cancel.Dispose();
        GC.SuppressFinalize(this);
    }
}
