namespace GoImage.Tool.ImageCommands;

/// <summary>Reports on the calling thread, one at a time: Progress&lt;T&gt; would post to the thread pool and print lines after the summary.</summary>
internal sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
