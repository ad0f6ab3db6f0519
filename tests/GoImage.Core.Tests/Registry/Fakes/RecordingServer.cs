using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>
/// A second loopback server (another port, so another host:port) that answers every GET or HEAD with
/// <see cref="Content"/> and records each request, notably whether it carried an <c>Authorization</c> header.
/// A <see cref="FakeRegistry"/> redirects blob GETs here with <see cref="FakeRegistryOptions.BlobRedirectBase"/>.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private byte[] _content;
    private WebApplication? _app;
    private int _port;
    private int _disposed;

    private RecordingServer(byte[] content) => _content = content;

    /// <summary>The bytes served at every path; a test may replace them at any time.</summary>
    public byte[] Content
    {
        get => Volatile.Read(ref _content);
        set => Volatile.Write(ref _content, value ?? []);
    }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Host => $"127.0.0.1:{_port}";

    /// <summary>Every request answered so far.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server on 127.0.0.1 with a free port, serving <paramref name="content"/> (empty by default).</summary>
    public static async Task<RecordingServer> StartAsync(byte[]? content = null)
    {
        var server = new RecordingServer(content ?? []);
        (server._app, server._port) = await LoopbackHost.StartAsync(server.HandleAsync).ConfigureAwait(false);
        return server;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _app is not null)
        {
            await LoopbackHost.StopAsync(_app).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var content = Content;
        await request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/octet-stream";
            response.ContentLength = content.Length;
        }
        else
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.ContentLength = 0;
        }

        var authorization = request.Headers.Authorization.ToString();
        var hasAuthorization = request.Headers.ContainsKey("Authorization");
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(
                request.Method,
                request.Path.Value ?? "/",
                request.QueryString.Value ?? "",
                hasAuthorization,
                !hasAuthorization ? null : space < 0 ? authorization : authorization[..space],
                request.ContentLength,
                response.StatusCode,
                Aborted: false));
        }

        if (HttpMethods.IsGet(request.Method))
        {
            await response.Body.WriteAsync(content, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
