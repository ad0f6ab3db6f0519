namespace GoImage.Registry;

/// <summary>
/// Cancels a request when no byte has moved for a while, unlike HttpClient.Timeout, which would also
/// cut off an honest upload of a large layer on a slow link. Each sign of progress rearms it.
/// </summary>
internal sealed class IdleTimeout : IDisposable
{
    private readonly TimeSpan _idle;
    private readonly CancellationToken _outer;
    private readonly CancellationTokenSource _source;

    public IdleTimeout(TimeSpan idle, CancellationToken outer)
    {
        _idle = idle;
        _outer = outer;
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _source.CancelAfter(idle);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>True when this timeout fired, not the caller's cancellation.</summary>
    public bool Expired => _source.IsCancellationRequested && !_outer.IsCancellationRequested;

    public void Touch()
    {
        try
        {
            _source.CancelAfter(_idle);
        }
        catch (ObjectDisposedException)
        {
            // The request finished while the content was still reporting progress.
        }
    }

    public void Dispose() => _source.Dispose();
}
