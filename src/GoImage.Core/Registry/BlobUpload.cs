using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using GoImage.Images;

namespace GoImage.Registry;

/// <summary>
/// One blob's upload session. Each attempt sends the blob in one PUT or, when asked (or when the
/// registry refuses a body that large), in PATCH chunks; a chunked attempt after a failure first asks
/// the registry how much it has (its Range) and resumes from there.
/// </summary>
internal sealed class BlobUpload(RegistryClient client, string repository, Descriptor blob, Func<Stream> open, IProgress<long>? progress)
{
    private readonly RegistryTransport _transport = client.Transport;
    private readonly RegistryScope _scope = new(repository, Push: true);
    private string? _location;
    private int _minimumChunk;
    private bool _chunked = client.Transport.Options.ChunkedUploads;

    /// <summary>Asks the registry to link the blob from another repository: true when it did (201); on 202 its session is used to upload.</summary>
    public async Task<bool> TryMountAsync(string from, CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(
            HttpMethod.Post,
            $"/v2/{repository}/blobs/uploads/?mount={blob.Digest}&from={Uri.EscapeDataString(from)}",
            _scope with { MountFrom = from },
            $"mounting {blob.Digest.ToShortString()} from {from} into {repository}");
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return true;
        }

        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await _transport.RejectedAsync(response, request, "", cancellationToken).ConfigureAwait(false);
        }

        TakeSession(response);
        return false;
    }

    /// <summary>One attempt; transient failures escape for the caller's retry, which calls this again.</summary>
    public async Task SendAsync(CancellationToken cancellationToken)
    {
        long offset = 0;
        if (_location is not null && _chunked)
        {
            offset = await CommittedAsync(cancellationToken).ConfigureAwait(false);
        }
        _location ??= await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_chunked)
            {
                if (await PutWholeAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                // 413: the registry or a proxy caps request bodies; chunks fit under the cap.
                _chunked = true;
                _location = await StartAsync(cancellationToken).ConfigureAwait(false);
            }

            await PatchFromAsync(offset, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && RegistryRetry.IsTransient(e) && !_chunked)
        {
            // A broken monolithic PUT leaves the session in an unknown state: the next attempt opens a new one.
            await AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Cancels the open session, if any, so the registry can free it; best effort, bounded in time.</summary>
    public async Task AbandonAsync()
    {
        if (_location is null)
        {
            return;
        }

        var location = _location;
        _location = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            using var response = await _transport.SendAsync(
                new RegistryRequest(HttpMethod.Delete, location, _scope, "canceling an upload") { Retry = false }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or TimeoutException
            or RegistryTransientException or GoImage.Diagnostics.GoImageException)
        {
            // The registry expires abandoned sessions itself; this only frees them sooner.
        }
    }

    private async Task<string> StartAsync(CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(HttpMethod.Post, $"/v2/{repository}/blobs/uploads/", _scope, $"starting the upload of {blob.Digest.ToShortString()} to {repository}") { Retry = false };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await _transport.RejectedAsync(response, request, "", cancellationToken).ConfigureAwait(false);
        }

        TakeSession(response);
        return _location!;
    }

    private void TakeSession(HttpResponseMessage response)
    {
        // Location may be relative or absolute and carries the registry's state in its query: it is resolved, never rebuilt.
        _location = response.Headers.Location?.OriginalString
            ?? throw new RegistryTransientException("The registry opened an upload without a Location.");
        if (response.Headers.TryGetValues("OCI-Chunk-Min-Length", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var minimum))
        {
            _minimumChunk = minimum;
        }
    }

    /// <summary>PUT with the whole body; false when the registry refuses its size (413).</summary>
    private async Task<bool> PutWholeAsync(CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(HttpMethod.Put, WithDigest(_location!), _scope, $"the upload of {blob.Digest.ToShortString()} to {repository}")
        {
            Retry = false,
            Content = idle => Body(0, blob.Size, idle),
        };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            progress?.Report(-blob.Size);
            await AbandonAsync().ConfigureAwait(false);
            return false;
        }

        await FinishedAsync(response, request, cancellationToken).ConfigureAwait(false);
        _location = null;
        return true;
    }

    private async Task PatchFromAsync(long offset, CancellationToken cancellationToken)
    {
        var chunk = Math.Max(_transport.Options.ChunkSize, _minimumChunk);
        var outOfOrder = 0;
        while (offset < blob.Size)
        {
            var length = Math.Min(chunk, blob.Size - offset);
            var request = new RegistryRequest(HttpMethod.Patch, _location!, _scope, $"the upload of {blob.Digest.ToShortString()} to {repository}")
            {
                Retry = false,
                Content = idle =>
                {
                    var body = Body(offset, length, idle);
                    // The distribution spec's Content-Range is a bare "start-end", which .NET's validating Add rejects
                    // (it wants RFC 9110's "bytes start-end/total").
                    body.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + length - 1}");
                    return body;
                },
            };
            using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && ++outOfOrder <= 3)
            {
                // The registry holds a different amount than we thought: ask it, and continue from there.
                progress?.Report(-length);
                offset = await CommittedAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw await _transport.RejectedAsync(response, request, "", cancellationToken).ConfigureAwait(false);
            }

            TakeSession(response);
            offset += length;
        }

        var close = new RegistryRequest(HttpMethod.Put, WithDigest(_location!), _scope, $"closing the upload of {blob.Digest.ToShortString()} to {repository}") { Retry = false };
        using var closed = await _transport.SendAsync(close, cancellationToken).ConfigureAwait(false);
        await FinishedAsync(closed, close, cancellationToken).ConfigureAwait(false);
        _location = null;
    }

    /// <summary>How many bytes the session holds (GET on the session: 204 with Range 0-N); a lost session starts over.</summary>
    private async Task<long> CommittedAsync(CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(HttpMethod.Get, _location!, _scope, $"resuming the upload of {blob.Digest.ToShortString()} to {repository}");
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK or HttpStatusCode.Accepted)
        {
            TakeSession(response);
            return RangeEnd(response) ?? 0;
        }

        _location = await StartAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private async Task FinishedAsync(HttpResponseMessage response, RegistryRequest request, CancellationToken cancellationToken)
    {
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.NoContent or HttpStatusCode.OK))
        {
            throw await _transport.RejectedAsync(response, request, "", cancellationToken).ConfigureAwait(false);
        }
    }

    private BlobContent Body(long offset, long length, IdleTimeout idle)
    {
        var content = new BlobContent(open, offset, length, sent =>
        {
            idle.Touch();
            progress?.Report(sent);
        });
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private string WithDigest(string location) =>
        location + (location.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "digest=" + Uri.EscapeDataString(blob.Digest.ToString());

    /// <summary>The next offset from a <c>Range: 0-N</c> header (N is inclusive), or null without one.</summary>
    private static long? RangeEnd(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Range", out var values) || values.FirstOrDefault() is not { } range)
        {
            return null;
        }

        // "0-0" is how distribution reports an empty session; chunks are never a single byte, so it means 0.
        var dash = range.LastIndexOf('-');
        return dash >= 0 && long.TryParse(range[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var end) ? (end == 0 ? 0 : end + 1) : null;
    }
}
