namespace GoImage.Diagnostics;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the reporting thread, one report at a time.
/// <see cref="Progress{T}"/> posts to the thread pool, which can reorder reports and print them after the
/// summary; parallel work (blob uploads) reports from several threads, hence the lock.
/// </summary>
public sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly object gate = new();

    public void Report(T value)
    {
        lock (gate)
        {
            report(value);
        }
    }
}
