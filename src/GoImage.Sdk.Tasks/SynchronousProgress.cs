namespace GoImage.Sdk.Tasks;

/// <summary>An IProgress that reports on the caller's thread, in order (System.Progress posts to the thread pool and can reorder).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
