using System.Net;
using System.Net.Http;
using Polly;
using Polly.Retry;

namespace GoImage.Registry;

/// <summary>
/// Which registry failures are retried and how long to wait: exponential backoff with jitter, or the
/// registry's own Retry-After (capped) on 429 and 503.
/// </summary>
internal static class RegistryRetry
{
    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || ((int)status >= 500 && status is not HttpStatusCode.NotImplemented and not HttpStatusCode.HttpVersionNotSupported);

    /// <summary>Broken connections and stalls are retried; a TLS failure or an unknown host is not, as retrying cannot fix it.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        RegistryTransientException or TimeoutException or IOException => true,
        HttpRequestException http => http.HttpRequestError is not (HttpRequestError.SecureConnectionError or HttpRequestError.NameResolutionError),
        _ => false,
    };

    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeSpan cap)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is null ? null : wait < TimeSpan.Zero ? TimeSpan.Zero : wait > cap ? cap : wait;
    }

    /// <summary>Retries one request: its response decides (status) or its exception does.</summary>
    public static ResiliencePipeline<HttpResponseMessage> ForRequests(RegistryOptions options)
    {
        if (options.MaxRetries <= 0)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: { } e } => IsTransient(e),
                { Result: { } r } => IsRetryable(r.StatusCode),
                _ => false,
            }),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Result is { } response ? RetryAfter(response, options.MaxRetryAfter) : AfterOf(args.Outcome.Exception, options)),
        }).Build();
    }

    /// <summary>Retries a whole operation (an upload) that signals transient trouble by exception.</summary>
    public static ResiliencePipeline ForOperations(RegistryOptions options)
    {
        if (options.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
            DelayGenerator = args => ValueTask.FromResult(AfterOf(args.Outcome.Exception, options)),
        }).Build();
    }

    private static TimeSpan? AfterOf(Exception? exception, RegistryOptions options) =>
        exception is RegistryTransientException { RetryAfter: { } after } ? (after > options.MaxRetryAfter ? options.MaxRetryAfter : after) : null;
}
