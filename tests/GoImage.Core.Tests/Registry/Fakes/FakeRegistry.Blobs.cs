using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using GoImage.Images;

namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>Blob reads, uploads (monolithic, chunked, streamed) and mounts.</summary>
public sealed partial class FakeRegistry
{
    private const string UploadInvalid = "BLOB_UPLOAD_INVALID";

    private async Task HandleBlobAsync(HttpContext context, string name, string digest)
    {
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "UNSUPPORTED", "blobs can only be read here").ConfigureAwait(false);
            return;
        }

        if (!RegistryRoute.IsDigest(digest))
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "DIGEST_INVALID", "not a sha256 digest", digest).ConfigureAwait(false);
            return;
        }

        byte[]? blob;
        lock (_gate)
        {
            blob = _repositories.TryGetValue(name, out var store) ? store.Blobs.GetValueOrDefault(digest) : null;
        }

        if (blob is null)
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status404NotFound, "BLOB_UNKNOWN", "blob unknown to registry", digest).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        if (HttpMethods.IsGet(method) && Options.BlobRedirectBase is { } redirectBase)
        {
            response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            response.Headers.Location = new Uri(redirectBase, "blobs/sha256/" + digest["sha256:".Length..]).AbsoluteUri;
            response.ContentLength = 0;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/octet-stream";
        response.ContentLength = blob.Length;
        response.Headers["Docker-Content-Digest"] = digest;
        if (HttpMethods.IsGet(method))
        {
            await response.Body.WriteAsync(blob, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task HandleUploadAsync(HttpContext context, string name, string id)
    {
        var method = context.Request.Method;
        if (id.Length == 0)
        {
            if (HttpMethods.IsPost(method))
            {
                await StartUploadAsync(context, name).ConfigureAwait(false);
            }
            else
            {
                await RegistryErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "UNSUPPORTED", "POST starts an upload").ConfigureAwait(false);
            }

            return;
        }

        // The session must exist and the request must carry the _state of the latest Location.
        string? error = null;
        lock (_gate)
        {
            if (!_repositories.TryGetValue(name, out var store) || !store.Uploads.TryGetValue(id, out var session))
            {
                error = "unknown";
            }
            else if (!string.Equals(context.Request.Query["_state"], session.State, StringComparison.Ordinal))
            {
                error = "state";
            }
        }

        if (error == "unknown")
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status404NotFound, "BLOB_UPLOAD_UNKNOWN", "upload unknown to registry", id).ConfigureAwait(false);
            return;
        }

        if (error is not null)
        {
            await RegistryErrors.WriteAsync(
                context, StatusCodes.Status400BadRequest, UploadInvalid,
                "the upload URL lacks the _state of the latest Location: resolve the Location, do not rebuild it").ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(method))
        {
            await UploadStatusAsync(context, name, id).ConfigureAwait(false);
        }
        else if (HttpMethods.IsDelete(method))
        {
            lock (_gate)
            {
                Repository(name).Uploads.Remove(id);
            }

            await DrainAndAnswerAsync(context, StatusCodes.Status204NoContent).ConfigureAwait(false);
        }
        else if (HttpMethods.IsPatch(method))
        {
            await AppendChunkAsync(context, name, id).ConfigureAwait(false);
        }
        else if (HttpMethods.IsPut(method))
        {
            await CompleteUploadAsync(context, name, id).ConfigureAwait(false);
        }
        else
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "UNSUPPORTED", "not an upload method").ConfigureAwait(false);
        }
    }

    private async Task StartUploadAsync(HttpContext context, string name)
    {
        var query = context.Request.Query;
        var response = context.Response;

        // Cross-repository mount: 201 when possible, else the spec's fallback, a new session (202).
        string? mount = query["mount"];
        string? from = query["from"];
        if (mount is not null && from is not null && Options.MountEnabled && RegistryRoute.IsDigest(mount)
            && CanPullWithSameCredentials(context, from))
        {
            var mounted = false;
            lock (_gate)
            {
                if (_repositories.TryGetValue(from, out var source) && source.Blobs.TryGetValue(mount, out var blob))
                {
                    Repository(name).Blobs[mount] = blob;
                    mounted = true;
                }
            }

            if (mounted)
            {
                await AnswerBlobCreatedAsync(context, name, mount).ConfigureAwait(false);
                return;
            }
        }

        // Monolithic POST: the whole blob in the POST itself.
        if (mount is null && query.ContainsKey("digest"))
        {
            string? digest = query["digest"];
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            if (!RegistryRoute.IsDigest(digest) || DigestOf(body) != digest)
            {
                await RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "DIGEST_INVALID", "provided digest did not match uploaded content", digest).ConfigureAwait(false);
                return;
            }

            lock (_gate)
            {
                Repository(name).Blobs[digest] = body;
            }

            await AnswerBlobCreatedAsync(context, name, digest).ConfigureAwait(false);
            return;
        }

        var session = new UploadSession(Guid.NewGuid().ToString("D"), NewState());
        lock (_gate)
        {
            Repository(name).Uploads[session.Id] = session;
        }

        await RegistryErrors.DrainAsync(context).ConfigureAwait(false);
        response.StatusCode = StatusCodes.Status202Accepted;
        response.Headers.Location = UploadLocation(name, session.Id, session.State);
        response.Headers["Docker-Upload-UUID"] = session.Id;
        if (Options.ChunkMinLength is { } minimum)
        {
            response.Headers["OCI-Chunk-Min-Length"] = minimum.ToString(CultureInfo.InvariantCulture);
        }

        response.ContentLength = 0;
    }

    private Task UploadStatusAsync(HttpContext context, string name, string id)
    {
        long offset;
        string state;
        lock (_gate)
        {
            var session = Repository(name).Uploads[id];
            offset = session.Offset;
            state = session.State;
        }

        AnswerUploadProgress(context, StatusCodes.Status204NoContent, name, id, state, offset);
        return Task.CompletedTask;
    }

    private async Task AppendChunkAsync(HttpContext context, string name, string id)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var contentRange = context.Request.Headers.ContentRange.ToString();
        ChunkResult result;
        long offset;
        string state;
        lock (_gate)
        {
            if (!Repository(name).Uploads.TryGetValue(id, out var session))
            {
                result = ChunkResult.Unknown;
                offset = 0;
                state = "";
            }
            else
            {
                result = Append(session, body, contentRange);
                offset = session.Offset;
                state = session.State;
            }
        }

        switch (result)
        {
            case ChunkResult.Appended:
                AnswerUploadProgress(context, StatusCodes.Status202Accepted, name, id, state, offset);
                break;
            case ChunkResult.OutOfOrder:
                context.Response.Headers.Location = UploadLocation(name, id, state);
                SetRange(context, offset);
                await RegistryErrors.WriteAsync(
                    context, StatusCodes.Status416RangeNotSatisfiable, UploadInvalid,
                    $"the chunk does not start at the upload's offset {offset}", contentRange).ConfigureAwait(false);
                break;
            default:
                await WriteChunkErrorAsync(context, result, contentRange).ConfigureAwait(false);
                break;
        }
    }

    private async Task CompleteUploadAsync(HttpContext context, string name, string id)
    {
        string? digest = context.Request.Query["digest"];
        if (!RegistryRoute.IsDigest(digest))
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "DIGEST_INVALID", "the digest query parameter is missing or not a sha256 digest", digest).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var contentRange = context.Request.Headers.ContentRange.ToString();
        ChunkResult result;
        string? actual = null;
        lock (_gate)
        {
            var store = Repository(name);
            if (!store.Uploads.TryGetValue(id, out var session))
            {
                result = ChunkResult.Unknown;
            }
            else
            {
                result = body.Length == 0 && contentRange.Length == 0 ? ChunkResult.Appended : Append(session, body, contentRange);
                if (result == ChunkResult.Appended)
                {
                    // The upload ends here, whatever the outcome.
                    store.Uploads.Remove(id);
                    var bytes = session.Data.ToArray();
                    actual = DigestOf(bytes);
                    if (actual == digest)
                    {
                        store.Blobs[digest] = bytes;
                    }
                }
            }
        }

        if (result != ChunkResult.Appended)
        {
            if (result == ChunkResult.OutOfOrder)
            {
                await RegistryErrors.WriteAsync(context, StatusCodes.Status416RangeNotSatisfiable, UploadInvalid, "the final chunk does not start at the upload's offset", contentRange).ConfigureAwait(false);
            }
            else
            {
                await WriteChunkErrorAsync(context, result, contentRange).ConfigureAwait(false);
            }

            return;
        }

        if (actual != digest)
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "DIGEST_INVALID", $"provided digest did not match uploaded content ({actual})", digest).ConfigureAwait(false);
            return;
        }

        await AnswerBlobCreatedAsync(context, name, digest).ConfigureAwait(false);
    }

    /// <summary>Appends a chunk to a session, checking its range and the minimum chunk length. Call under the lock.</summary>
    private ChunkResult Append(UploadSession session, byte[] body, string contentRange)
    {
        if (contentRange.Length > 0)
        {
            if (!TryParseRange(contentRange, out var start, out var end))
            {
                return ChunkResult.BadRange;
            }

            if (start != session.Offset)
            {
                return ChunkResult.OutOfOrder;
            }

            if (end - start + 1 != body.Length)
            {
                return ChunkResult.LengthMismatch;
            }
        }

        if (body.Length == 0)
        {
            return ChunkResult.Appended;
        }

        if (session.ShortChunkSeen)
        {
            return ChunkResult.TooShort;
        }

        session.Data.Write(body);
        if (Options.ChunkMinLength is { } minimum && body.Length < minimum)
        {
            // Allowed only if it is the last chunk: any chunk after it is refused.
            session.ShortChunkSeen = true;
        }

        session.State = NewState();
        return ChunkResult.Appended;
    }

    private static Task WriteChunkErrorAsync(HttpContext context, ChunkResult result, string contentRange) => result switch
    {
        ChunkResult.Unknown => RegistryErrors.WriteAsync(context, StatusCodes.Status404NotFound, "BLOB_UPLOAD_UNKNOWN", "upload unknown to registry"),
        ChunkResult.BadRange => RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, UploadInvalid, "Content-Range must be <start>-<end>", contentRange),
        ChunkResult.LengthMismatch => RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, UploadInvalid, "Content-Range does not match the body's length", contentRange),
        _ => RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, UploadInvalid, "a chunk shorter than OCI-Chunk-Min-Length was not the last one"),
    };

    private async Task AnswerBlobCreatedAsync(HttpContext context, string name, string digest)
    {
        await RegistryErrors.DrainAsync(context).ConfigureAwait(false);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.Headers.Location = Location($"/v2/{name}/blobs/{digest}");
        response.Headers["Docker-Content-Digest"] = digest;
        response.ContentLength = 0;
    }

    private void AnswerUploadProgress(HttpContext context, int status, string name, string id, string state, long offset)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.Location = UploadLocation(name, id, state);
        response.Headers["Docker-Upload-UUID"] = id;
        SetRange(context, offset);
        response.ContentLength = 0;
    }

    private void SetRange(HttpContext context, long offset)
    {
        var range = offset > 0 ? "0-" + (offset - 1).ToString(CultureInfo.InvariantCulture) : Options.EmptyUploadRange;
        if (range is not null)
        {
            context.Response.Headers.Range = range;
        }
    }

    private string UploadLocation(string name, string id, string state) =>
        Location($"/v2/{name}/blobs/uploads/{id}?_state={Uri.EscapeDataString(state)}");

    /// <summary>An opaque state like the CNCF registry's: padded base64url, so it has characters a client must keep.</summary>
    private static string NewState() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).Replace('+', '-').Replace('/', '_');

    private static bool TryParseRange(string text, out long start, out long end)
    {
        start = 0;
        end = 0;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out start)
            && long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out end)
            && end >= start;
    }
}
