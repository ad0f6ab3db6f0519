using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>A GoImage task MSBuild can cancel (Ctrl+C, IDE cancel): the work watches <see cref="CancellationToken"/>.</summary>
public abstract class CancelableGoImageTask : GoImageTask, ICancelableTask, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    protected CancellationToken CancellationToken => _cancel.Token;

    public void Cancel() => _cancel.Cancel();

    public void Dispose()
    {
        _cancel.Dispose();
        GC.SuppressFinalize(this);
    }
}
