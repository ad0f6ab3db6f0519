using System.Net;

namespace GoImage.Registry;

/// <summary>A failure worth retrying (5xx, 408, 429, a broken connection, no progress), raised where the caller owns the retry.</summary>
internal sealed class RegistryTransientException(string message, HttpStatusCode? status = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
