using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>
/// An in-process OCI distribution registry (spec v1.1) on 127.0.0.1 for tests: blobs, chunked and monolithic uploads,
/// mounts, manifests and tags in memory, Basic or Bearer authentication, and fault injection through <see cref="Faults"/>.
/// </summary>
/// <remarks>
/// Upload <c>Location</c>s carry an opaque <c>_state</c> query parameter that changes with every PATCH and is checked
/// on every follow-up request: a client that rebuilds the URL instead of resolving the <c>Location</c> it was given
/// gets 400 <c>BLOB_UPLOAD_INVALID</c>. Requests are recorded in <see cref="Requests"/> once answered, or as the
/// registry drops their connection (a reset or hang fault).
/// </remarks>
public sealed partial class FakeRegistry : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RepositoryStore> _repositories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<RecordedTokenRequest> _tokenRequests = [];
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _port;
    private int _disposed;

    private FakeRegistry(FakeRegistryOptions options) => Options = options;

    /// <summary>The options the registry reads on every request (a test may change them while it runs).</summary>
    public FakeRegistryOptions Options { get; }

    /// <summary>The fault rules, checked for every request.</summary>
    public FaultRules Faults { get; } = new();

    /// <summary>The port the registry listens on.</summary>
    public int Port => _port;

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    /// <summary><c>127.0.0.1:port</c>, the registry part of an image reference.</summary>
    public string Host => $"127.0.0.1:{_port}";

    /// <summary>The token endpoint named as <c>realm</c> in Bearer challenges: <c>http://127.0.0.1:port/token</c>.</summary>
    public Uri TokenRealm => new(BaseAddress, "token");

    /// <summary>Every request answered so far (token requests included), in the order they completed.</summary>
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

    /// <summary>Every request to the token endpoint so far.</summary>
    public IReadOnlyList<RecordedTokenRequest> TokenRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _tokenRequests];
            }
        }
    }

    /// <summary>How many upload sessions are open, over all repositories.</summary>
    public int OpenUploadSessions
    {
        get
        {
            lock (_gate)
            {
                return _repositories.Values.Sum(repository => repository.Uploads.Count);
            }
        }
    }

    /// <summary>Starts a registry on 127.0.0.1 with a free port.</summary>
    public static async Task<FakeRegistry> StartAsync(FakeRegistryOptions? options = null)
    {
        var registry = new FakeRegistry(options ?? new FakeRegistryOptions());
        (registry._app, registry._port) = await LoopbackHost.StartAsync(registry.HandleAsync).ConfigureAwait(false);
        return registry;
    }

    /// <summary>Releases hung requests and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await LoopbackHost.StopAsync(_app).ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>Forgets the recorded requests and token requests (after seeding, for example).</summary>
    public void ClearRecords()
    {
        lock (_gate)
        {
            _requests.Clear();
            _tokenRequests.Clear();
        }
    }

    /// <summary>Whether <paramref name="repository"/> holds the blob <paramref name="digest"/>.</summary>
    public bool HasBlob(string repository, string digest)
    {
        lock (_gate)
        {
            return _repositories.TryGetValue(repository, out var store) && store.Blobs.ContainsKey(digest);
        }
    }

    /// <summary>The bytes of a blob, or <see langword="null"/>.</summary>
    public byte[]? GetBlob(string repository, string digest)
    {
        lock (_gate)
        {
            return _repositories.TryGetValue(repository, out var store) ? store.Blobs.GetValueOrDefault(digest) : null;
        }
    }

    /// <summary>The digests of the blobs a repository holds, sorted.</summary>
    public IReadOnlyList<string> Blobs(string repository)
    {
        lock (_gate)
        {
            return _repositories.TryGetValue(repository, out var store) ? [.. store.Blobs.Keys.Order(StringComparer.Ordinal)] : [];
        }
    }

    /// <summary>The exact bytes of the manifest a tag or digest names, or <see langword="null"/>.</summary>
    public byte[]? GetManifest(string repository, string reference) => FindManifest(repository, reference)?.Bytes;

    /// <summary>The Content-Type the manifest a tag or digest names was pushed with, or <see langword="null"/>.</summary>
    public string? GetManifestContentType(string repository, string reference) => FindManifest(repository, reference)?.ContentType;

    /// <summary>The tags of a repository, sorted (ordinal).</summary>
    public IReadOnlyList<string> Tags(string repository)
    {
        lock (_gate)
        {
            return _repositories.TryGetValue(repository, out var store) ? [.. store.Tags.Keys.Order(StringComparer.Ordinal)] : [];
        }
    }

    /// <summary>Loses one blob of a repository (its manifests stay), as a registry whose storage was pruned by hand.</summary>
    public void RemoveBlob(string repository, string digest)
    {
        lock (_gate)
        {
            Repository(repository).Blobs.Remove(digest);
        }
    }

    /// <summary>Loses everything, as a registry whose storage was wiped.</summary>
    public void Wipe()
    {
        lock (_gate)
        {
            _repositories.Clear();
        }
    }

    /// <summary>Seeds a blob and returns its digest.</summary>
    public string PutBlob(string repository, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var digest = DigestOf(content);
        PutBlob(repository, digest, content);
        return digest;
    }

    /// <summary>Seeds a blob under a digest that is not checked, so tests can serve tampered content.</summary>
    public void PutBlob(string repository, string digest, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (_gate)
        {
            Repository(repository).Blobs[digest] = [.. content];
        }
    }

    /// <summary>
    /// Seeds a manifest and returns the digest it is stored under: the sha256 of the bytes when
    /// <paramref name="reference"/> is a tag (which then points at it), or <paramref name="reference"/> itself when it is
    /// a digest (not checked, so tests can serve tampered manifests). Referenced blobs are not checked either.
    /// </summary>
    public string PutManifest(string repository, string reference, string mediaType, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(content);
        var isDigest = RegistryRoute.IsDigest(reference);
        var digest = isDigest ? reference : DigestOf(content);
        lock (_gate)
        {
            var store = Repository(repository);
            store.Manifests[digest] = new StoredManifest([.. content], mediaType);
            if (!isDigest)
            {
                store.Tags[reference] = digest;
            }
        }

        return digest;
    }

    /// <summary><c>sha256:</c> and the lowercase hex of the SHA-256 of <paramref name="content"/>.</summary>
    public static string DigestOf(ReadOnlySpan<byte> content) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private StoredManifest? FindManifest(string repository, string reference)
    {
        lock (_gate)
        {
            if (!_repositories.TryGetValue(repository, out var store) || store.Resolve(reference) is not { } digest)
            {
                return null;
            }

            return store.Manifests[digest];
        }
    }

    /// <summary>The store of a repository, created on first use. Call under the lock.</summary>
    private RepositoryStore Repository(string name)
    {
        if (!_repositories.TryGetValue(name, out var store))
        {
            store = new RepositoryStore();
            _repositories[name] = store;
        }

        return store;
    }

    /// <summary>A <c>Location</c> value for a path and query: relative, or absolute when the options ask for it.</summary>
    private string Location(string pathAndQuery) =>
        Options.AbsoluteLocations ? $"http://127.0.0.1:{_port}{pathAndQuery}" : pathAndQuery;

    private async Task HandleAsync(HttpContext context)
    {
        var aborted = false;
        try
        {
            context.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
            aborted = await DispatchAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            aborted = true;
        }
        catch (IOException)
        {
            // The client went away while sending the body (or sent a malformed one): nothing to answer.
            aborted = true;
        }
        finally
        {
            Record(context, aborted);
        }
    }

    /// <summary>Handles one request; returns whether the connection was dropped instead of answered.</summary>
    private async Task<bool> DispatchAsync(HttpContext context)
    {
        var outcome = await ApplyFaultsAsync(context, afterAuthentication: false).ConfigureAwait(false);
        if (outcome != FaultOutcome.Continue)
        {
            return outcome == FaultOutcome.Aborted;
        }

        var path = context.Request.Path.Value ?? "/";
        if (path == "/token")
        {
            await HandleTokenAsync(context).ConfigureAwait(false);
            return false;
        }

        if (!RegistryRoute.TryParse(path, out var route))
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status404NotFound, "UNSUPPORTED", "no such endpoint").ConfigureAwait(false);
            return false;
        }

        if (!route.HasValidName)
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "NAME_INVALID", "invalid repository name", route.Name).ConfigureAwait(false);
            return false;
        }

        if (!await AuthorizeAsync(context, route.Name).ConfigureAwait(false))
        {
            return false;
        }

        outcome = await ApplyFaultsAsync(context, afterAuthentication: true).ConfigureAwait(false);
        if (outcome != FaultOutcome.Continue)
        {
            return outcome == FaultOutcome.Aborted;
        }

        switch (route.Kind)
        {
            case RegistryRouteKind.Base:
                await DrainAndAnswerAsync(context, StatusCodes.Status200OK).ConfigureAwait(false);
                break;
            case RegistryRouteKind.Blob:
                await HandleBlobAsync(context, route.Name!, route.Argument).ConfigureAwait(false);
                break;
            case RegistryRouteKind.Upload:
                await HandleUploadAsync(context, route.Name!, route.Argument).ConfigureAwait(false);
                break;
            case RegistryRouteKind.Manifest:
                await HandleManifestAsync(context, route.Name!, route.Argument).ConfigureAwait(false);
                break;
            case RegistryRouteKind.Tags:
                await HandleTagsAsync(context, route.Name!).ConfigureAwait(false);
                break;
            default:
                // Referrers API unsupported: clients fall back to the sha256-<hex> tag.
                await RegistryErrors.WriteAsync(context, StatusCodes.Status404NotFound, "UNSUPPORTED", "the referrers API is not supported").ConfigureAwait(false);
                break;
        }

        return false;
    }

    private async Task<FaultOutcome> ApplyFaultsAsync(HttpContext context, bool afterAuthentication)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var query = request.QueryString.Value ?? "";
        foreach (var rule in Faults.Snapshot())
        {
            if (!rule.Fires(request.Method, path, query, afterAuthentication))
            {
                continue;
            }

            switch (rule.Action)
            {
                case FaultActionKind.Delay:
                    await Task.Delay(rule.DelayDuration, context.RequestAborted).ConfigureAwait(false);
                    continue;
                case FaultActionKind.AddHeader:
                    context.Response.Headers.Append(rule.HeaderName!, rule.HeaderValue);
                    continue;
                case FaultActionKind.ReplaceHeader:
                    // Set when the headers go out, so it wins over what the handler set.
                    var response = context.Response;
                    response.OnStarting(() =>
                    {
                        response.Headers[rule.HeaderName!] = rule.HeaderValue;
                        return Task.CompletedTask;
                    });
                    continue;
                case FaultActionKind.CutOffResponse:
                    context.Response.Body = new CutOffResponseStream(context.Response.Body, rule.CutOffAfterBytes, context.Abort);
                    continue;
                case FaultActionKind.Respond:
                    if (rule.RetryAfter is not null)
                    {
                        context.Response.Headers.RetryAfter = rule.RetryAfter;
                    }

                    await RegistryErrors.WriteAsync(context, rule.StatusCode, rule.ErrorCode, "injected fault").ConfigureAwait(false);
                    return FaultOutcome.Answered;
                case FaultActionKind.Redirect:
                    var target = rule.RedirectKeepsPath ? new Uri(rule.RedirectLocation!, path + query) : rule.RedirectLocation!;
                    context.Response.Headers.Location = target.AbsoluteUri;
                    await DrainAndAnswerAsync(context, rule.StatusCode).ConfigureAwait(false);
                    return FaultOutcome.Answered;
                case FaultActionKind.Reset:
                    await ReadAtMostAsync(request.Body, rule.ResetAfterBytes, context.RequestAborted).ConfigureAwait(false);
                    Drop(context);
                    return FaultOutcome.Aborted;
                default:
                    using (var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                    {
                        try
                        {
                            await Task.Delay(Timeout.Infinite, hang.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            // The client gave up, or the registry is stopping.
                        }
                    }

                    Drop(context);
                    return FaultOutcome.Aborted;
            }
        }

        return FaultOutcome.Continue;
    }

    private static async Task ReadAtMostAsync(Stream body, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (count > 0)
        {
            var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            count -= read;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static async Task DrainAndAnswerAsync(HttpContext context, int status)
    {
        await RegistryErrors.DrainAsync(context).ConfigureAwait(false);
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
    }

    // A connection the fake drops on purpose is recorded before it goes: the client sees the reset at once and may read
    // Requests before this handler would get to its finally.
    private void Drop(HttpContext context)
    {
        Record(context, aborted: true);
        context.Abort();
    }

    private void Record(HttpContext context, bool aborted)
    {
        if (!context.Items.TryAdd(typeof(RecordedRequest), null))
        {
            return; // recorded already, when it was dropped
        }

        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        var hasAuthorization = request.Headers.ContainsKey("Authorization");
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var scheme = !hasAuthorization ? null : space < 0 ? authorization : authorization[..space];
        var recorded = new RecordedRequest(
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.Value ?? "",
            hasAuthorization,
            scheme,
            request.ContentLength,
            context.Response.StatusCode,
            aborted);
        lock (_gate)
        {
            _requests.Add(recorded);
        }
    }
}
