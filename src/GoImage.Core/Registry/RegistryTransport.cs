using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using GoImage.Diagnostics;
using Polly;

namespace GoImage.Registry;

/// <summary>
/// Sends requests to one registry: picks HTTPS or (only where allowed) plain HTTP, authenticates,
/// follows redirects without carrying credentials to other hosts, fails stalled requests and
/// retries transient failures. Knows nothing of blobs or manifests; <see cref="RegistryClient"/> does.
/// </summary>
internal sealed class RegistryTransport : IDisposable
{
    private const int MaxRedirects = 5;
    private const int MaxErrorBodyBytes = 64 << 10;
    private static readonly TimeSpan PlainProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly string _registry;
    private readonly RegistryOptions _options;
    private readonly HttpClient _http;
    private ResiliencePipeline<HttpResponseMessage>? _retry;
    private readonly ConcurrentDictionary<string, SslPolicyErrors> _certificates = new(StringComparer.OrdinalIgnoreCase);
    private readonly Action<Diagnostic> _warn;
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);
    private readonly Lazy<Task<Uri>> _base;

    public RegistryTransport(string registry, RegistryRole role, CredentialStore credentials, RegistryOptions options, Action<Diagnostic> warn)
    {
        _registry = registry;
        _options = options;
        _warn = warn;
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed by hand: Authorization must not cross hosts, and https must not become http.
            AllowAutoRedirect = false,
            ConnectTimeout = options.IdleTimeout,
            MaxConnectionsPerServer = Math.Max(options.Parallelism * 2, 4),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (sender, _, _, errors) =>
                {
                    // Remember that the server spoke TLS, so a failed handshake is never mistaken for a plain-HTTP server.
                    _certificates[(sender as SslStream)?.TargetHostName ?? ""] = errors;
                    return errors == SslPolicyErrors.None;
                },
            },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("GoImage.Sdk", typeof(RegistryTransport).Assembly.GetName().Version?.ToString(3) ?? "0"));
        Authenticator = new RegistryAuthenticator(registry, role, credentials, options, _http, warn);

        // One probe for all: a push's first requests start together, and each would otherwise send its own GET /v2/.
        _base = new Lazy<Task<Uri>>(() => ResolveBaseAsync(CancellationToken.None));
    }

    public RegistryAuthenticator Authenticator { get; }

    public string Registry => _registry;

    public RegistryOptions Options => _options;

    /// <summary>The registry's root URL: https://host/, or http://host/ for an allowed registry that does not speak TLS.</summary>
    /// <remarks>
    /// The probe is shared by every caller and remembered, so no one caller's cancellation may end it (a canceled
    /// probe would break the client for good): it is bounded by the idle timeout, and each caller only stops waiting.
    /// </remarks>
    public Task<Uri> BaseAsync(CancellationToken cancellationToken) =>
        _base.Value.WaitAsync(cancellationToken);

    /// <summary>Sends <paramref name="request"/> and returns any non-401 response for the caller to judge; retries transient failures when the request allows it.</summary>
    public async Task<HttpResponseMessage> SendAsync(RegistryRequest request, CancellationToken cancellationToken)
    {
        var uri = new Uri(await BaseAsync(cancellationToken).ConfigureAwait(false), request.Target);
        var attempts = 0;
        try
        {
            if (!request.Retry)
            {
                attempts = 1;
                var single = await AttemptAsync(request, uri, cancellationToken).ConfigureAwait(false);
                if (RegistryRetry.IsRetryable(single.StatusCode))
                {
                    var status = single.StatusCode;
                    var after = RegistryRetry.RetryAfter(single, _options.MaxRetryAfter);
                    single.Dispose();
                    throw new RegistryTransientException($"HTTP {(int)status}", status, after);
                }

                return single;
            }

            // The first attempt runs outside the retry pipeline, so a push that meets no failure never builds (or loads) it.
            attempts = 1;
            HttpResponseMessage? first = null;
            ExceptionDispatchInfo? failure = null;
            try
            {
                first = await AttemptAsync(request, uri, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (_options.MaxRetries > 0 && RegistryRetry.IsTransient(e))
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }

            var counted = new StrongBox<int>(1);
            HttpResponseMessage response;
            try
            {
                response = first is not null && !RegistryRetry.IsRetryable(first.StatusCode)
                    ? first
                    : await RetryAsync(request, uri, first, failure, counted, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                attempts = counted.Value;
            }

            if (RegistryRetry.IsRetryable(response.StatusCode))
            {
                using (response)
                {
                    throw new GoImageException(Diagnostic.RegistryRetriesExhausted(_registry, request.Operation, attempts, await DescribeAsync(response, cancellationToken).ConfigureAwait(false)));
                }
            }

            return response;
        }
        catch (Exception e) when (request.Retry && e is not OperationCanceledException and not GoImageException)
        {
            throw Failure(e, request.Operation, attempts);
        }
    }

    /// <summary>The coded error for an exception that ended an operation after <paramref name="attempts"/> attempts.</summary>
    public GoImageException Failure(Exception exception, string operation, int attempts)
    {
        var host = RegistryOptions.HostOf(_registry);
        return exception switch
        {
            GoImageException coded => coded,
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } when _certificates.TryGetValue(host, out var errors) && errors != SslPolicyErrors.None =>
                new(Diagnostic.RegistryCertificateRejected(_registry, errors)),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } =>
                new(Diagnostic.RegistryNotTls(_registry)),
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError } http =>
                new(Diagnostic.RegistryUnreachable(_registry, Innermost(http))),
            TimeoutException => new(Diagnostic.RegistryTimedOut(_registry, operation, (int)_options.IdleTimeout.TotalSeconds, attempts)),
            RegistryTransientException { Status: { } status } => new(Diagnostic.RegistryRetriesExhausted(_registry, operation, attempts, $"HTTP {(int)status}")),
            _ => new(Diagnostic.RegistryRetriesExhausted(_registry, operation, attempts, Innermost(exception))),
        };
    }

    /// <summary>The coded error for a response the operation cannot go on from: DENIED and 403 say so; other codes are named.</summary>
    public async Task<GoImageException> RejectedAsync(HttpResponseMessage response, RegistryRequest request, string hint, CancellationToken cancellationToken)
    {
        var body = await ReadTextAsync(response, cancellationToken).ConfigureAwait(false);
        var errors = RegistryErrorBody.Parse(body);
        var description = RegistryErrorBody.Describe(errors, response.ReasonPhrase ?? "");
        return response.StatusCode == HttpStatusCode.Forbidden || errors.Any(e => e.Code == "DENIED")
            ? new GoImageException(Diagnostic.RegistryDenied(_registry, request.Operation, $"HTTP {(int)response.StatusCode}", description, Authenticator.CredentialSource))
            : new GoImageException(Diagnostic.RegistryRequestRejected(_registry, request.Operation, (int)response.StatusCode, errors.Count == 0 ? response.ReasonPhrase ?? "" : string.Join(", ", errors.Select(e => e.Code).Distinct()),
                errors.Count == 0 ? "(no error body)" : string.Join("; ", errors.Select(e => e.Message)), hint.Length > 0 ? hint : HintFor(response.StatusCode, errors)));
    }

    /// <summary>Reads a whole (small) body, refusing more than <paramref name="maxBytes"/>; null when it is larger.</summary>
    public async Task<byte[]?> ReadBytesAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var tooLarge = false;
        await CopyAsync(response, buffer, maxBytes, () => tooLarge = true, cancellationToken).ConfigureAwait(false);
        return tooLarge ? null : buffer.ToArray();
    }

    /// <summary>Streams a body into <paramref name="destination"/> under the idle timeout; stops (and calls <paramref name="overflow"/>) past <paramref name="maxBytes"/>.</summary>
    public async Task CopyAsync(HttpResponseMessage response, Stream destination, long maxBytes, Action overflow, CancellationToken cancellationToken)
    {
        using var idle = new IdleTimeout(_options.IdleTimeout, cancellationToken);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, idle.Token).ConfigureAwait(false)) > 0)
            {
                idle.Touch();
                total += read;
                if (total > maxBytes)
                {
                    overflow();
                    return;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), idle.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (idle.Expired)
        {
            throw new TimeoutException("The registry stopped sending.");
        }
    }

    public void Dispose()
    {
        Authenticator.Dispose();
        _http.Dispose();
    }

    /// <summary>
    /// The retries after a first attempt that failed transiently (<paramref name="failure"/>) or was answered with a
    /// retryable status (<paramref name="first"/>): the pipeline's first try replays that outcome, so its backoff and
    /// Retry-After rules see exactly what they would have seen running the first attempt themselves.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<HttpResponseMessage> RetryAsync(
        RegistryRequest request, Uri uri, HttpResponseMessage? first, ExceptionDispatchInfo? failure, StrongBox<int> attempts, CancellationToken cancellationToken)
    {
        var replayed = false;
        return await (_retry ??= RegistryRetry.ForRequests(_options)).ExecuteAsync(
            async token =>
            {
                if (!replayed)
                {
                    replayed = true;
                    failure?.Throw();
                    return first!;
                }

                attempts.Value++;
                return await AttemptAsync(request, uri, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> AttemptAsync(RegistryRequest request, Uri uri, CancellationToken cancellationToken)
    {
        using var idle = new IdleTimeout(_options.IdleTimeout, cancellationToken);
        try
        {
            var message = await AuthorizedMessageAsync(request, uri, idle).ConfigureAwait(false);
            var response = await SendFollowingRedirectsAsync(message, idle.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return Checked(response);
            }

            // One new credential or token per request: a second 401 is final, so a registry that keeps refusing cannot make us loop.
            if (await Authenticator.OnChallengeAsync(response, message, request.Scope, idle.Token).ConfigureAwait(false))
            {
                response.Dispose();
                message = await AuthorizedMessageAsync(request, uri, idle).ConfigureAwait(false);
                response = await SendFollowingRedirectsAsync(message, idle.Token).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    return Checked(response);
                }
            }

            using (response)
            {
                var body = await ReadTextAsync(response, idle.Token).ConfigureAwait(false);
                throw Authenticator.Unauthorized(request.Scope, $"HTTP 401 {RegistryErrorBody.Describe(RegistryErrorBody.Parse(body), "UNAUTHORIZED")}");
            }
        }
        catch (OperationCanceledException) when (idle.Expired)
        {
            throw new TimeoutException($"No progress for {_options.IdleTimeout.TotalSeconds} s.");
        }
    }

    private async Task<HttpRequestMessage> AuthorizedMessageAsync(RegistryRequest request, Uri uri, IdleTimeout idle)
    {
        var message = new HttpRequestMessage(request.Method, uri) { Content = request.Content?.Invoke(idle) };
        foreach (var accept in request.Accept)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        // An absolute upload Location may name another host; the registry's credentials stay with the registry.
        var registryRoot = await BaseAsync(idle.Token).ConfigureAwait(false);
        if (Uri.Compare(registryRoot, uri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            await Authenticator.AuthorizeAsync(message, request.Scope, idle.Token).ConfigureAwait(false);
        }

        return message;
    }

    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        for (var hop = 0; hop < MaxRedirects && IsRedirect(response) && (message.Method == HttpMethod.Get || message.Method == HttpMethod.Head); hop++)
        {
            var from = message.RequestUri!;
            var to = response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location : new Uri(from, response.Headers.Location);
            if (from.Scheme == Uri.UriSchemeHttps && to.Scheme != Uri.UriSchemeHttps)
            {
                response.Dispose();
                throw new GoImageException(Diagnostic.RegistryRedirectRefused(_registry, from.AbsolutePath, to.GetLeftPart(UriPartial.Authority)));
            }

            var next = new HttpRequestMessage(message.Method, to);
            foreach (var accept in message.Headers.Accept)
            {
                next.Headers.Accept.Add(accept);
            }

            // Blob storage is often another host (S3, a CDN): the registry's credentials stay with the registry.
            if (Uri.Compare(from, to, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
            {
                next.Headers.Authorization = message.Headers.Authorization;
            }

            response.Dispose();
            message = next;
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private HttpResponseMessage Checked(HttpResponseMessage response)
    {
        // Registries announce deprecations and quota trouble in Warning: 299 headers; users should see them.
        if (response.Headers.TryGetValues("Warning", out var warnings))
        {
            // Registries repeat the same warning on every response: the user hears it once per push or pull.
            foreach (var text in warnings.Where(w => w.StartsWith("299 ", StringComparison.Ordinal)).Select(WarningText))
            {
                if (_warned.TryAdd(text, true))
                {
                    _warn(Diagnostic.RegistryWarning(_registry, text));
                }
            }
        }

        return response;
    }

    /// <summary>The quoted text of <c>299 agent "text" ["date"]</c> (RFC 7234), or everything after the code when it is not quoted.</summary>
    private static string WarningText(string warning)
    {
        var open = warning.IndexOf('"', StringComparison.Ordinal);
        if (open < 0)
        {
            return warning[4..].Trim();
        }

        var text = new System.Text.StringBuilder();
        for (var i = open + 1; i < warning.Length && warning[i] != '"'; i++)
        {
            text.Append(warning[i] == '\\' && i + 1 < warning.Length ? warning[++i] : warning[i]);
        }

        return text.ToString();
    }

    private async Task<Uri> ResolveBaseAsync(CancellationToken cancellationToken)
    {
        var https = new Uri($"https://{_registry}/");
        if (!_options.AllowsPlainHttp(_registry))
        {
            return https;
        }

        // An allowed registry (loopback, or listed by the user) usually speaks plain HTTP: ask it that way first, without
        // credentials, so a push to it never loads the TLS stack. Only a server that answered in HTTP counts; a TLS server
        // answers a plain request with 400 or by closing, and then HTTPS decides as it always did, where a bad
        // certificate is an error, never a reason to fall back.
        if (await AnswersPlainHttpAsync(cancellationToken).ConfigureAwait(false))
        {
            return new Uri($"http://{_registry}/");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.IdleTimeout);
        try
        {
            using var response = await _http.GetAsync(new Uri(https, "/v2/"), HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return https;
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            if (_certificates.TryGetValue(RegistryOptions.HostOf(_registry), out var errors) && errors != SslPolicyErrors.None)
            {
                throw new GoImageException(Diagnostic.RegistryCertificateRejected(_registry, errors));
            }

            return new Uri($"http://{_registry}/");
        }
        catch (HttpRequestException e)
        {
            throw Failure(e, "GET /v2/", 1);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(new TimeoutException(), "GET /v2/", 1);
        }
    }

    private async Task<bool> AnswersPlainHttpAsync(CancellationToken cancellationToken)
    {
        // A plain-HTTP registry answers /v2/ at once; one that stays silent or fails is left to the HTTPS probe (and its errors).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.IdleTimeout < PlainProbeTimeout ? _options.IdleTimeout : PlainProbeTimeout);
        try
        {
            using var response = await _http.GetAsync(new Uri($"http://{_registry}/v2/"), HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            // What the distribution spec lets /v2/ answer; a redirect (often to https) or a 400 leaves the choice to HTTPS.
            return response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static bool IsRedirect(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
        && response.Headers.Location is not null;

    private async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var errors = RegistryErrorBody.Parse(await ReadTextAsync(response, cancellationToken).ConfigureAwait(false));
        return $"HTTP {(int)response.StatusCode} {RegistryErrorBody.Describe(errors, response.ReasonPhrase ?? "")}";
    }

    /// <summary>An error body as text: at most 64 KiB, under the idle timeout; empty when it cannot be read.</summary>
    public async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await ReadBytesAsync(response, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
            return bytes is null ? "" : System.Text.Encoding.UTF8.GetString(bytes);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException)
        {
            return "";
        }
    }

    private static string HintFor(HttpStatusCode status, IReadOnlyList<(string Code, string Message)> errors)
    {
        var codes = errors.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        return status == HttpStatusCode.RequestEntityTooLarge ? "the registry (or a proxy in front of it) refuses bodies this large."
            : codes.Contains("NAME_INVALID") ? "check ContainerRepository: the registry does not accept that name."
            : codes.Contains("NAME_UNKNOWN") ? "the repository does not exist; create it in the registry first if it does not create repositories on push."
            : codes.Contains("DIGEST_INVALID") || codes.Contains("SIZE_INVALID") ? "the content changed while it was sent; publish again."
            : codes.Contains("MANIFEST_BLOB_UNKNOWN") ? "a blob the manifest names is missing in the registry; publish again."
            : codes.Contains("UNSUPPORTED") ? "the registry does not support this operation."
            : "check the registry's documentation for this error.";
    }

    private static string Innermost(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner == exception || exception.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? exception.Message
            : $"{exception.Message} ({inner.Message})";
    }
}
