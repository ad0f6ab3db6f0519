using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using GoImage.Diagnostics;
using GoImage.Images;
using Polly;

namespace GoImage.Registry;

/// <summary>
/// The OCI distribution API of one registry: blobs (exists, mount, upload, download) and manifests
/// (put, get). Uploads stream from disk in bounded memory, go in one PUT or in chunks, resume from the
/// registry's Range after a failure, and delete their session when canceled. Everything downloaded is
/// checked against its digest and size.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private static readonly string[] ManifestTypes =
    [
        MediaTypes.ImageIndex,
        MediaTypes.ImageManifest,
        DockerMediaTypes.ManifestList,
        DockerMediaTypes.Manifest,
    ];

    private readonly RegistryTransport _transport;
    private ResiliencePipeline? _operationRetry;

    public RegistryClient(string registry, RegistryRole role, CredentialStore credentials, RegistryOptions options, Action<Diagnostic>? warn = null)
    {
        _transport = new RegistryTransport(registry, role, credentials, options, warn ?? (_ => { }));
    }

    public string Registry => _transport.Registry;

    /// <summary>Bearer tokens fetched so far (one per scope, plus one per expiry).</summary>
    public int TokensFetched => _transport.Authenticator.TokensFetched;

    public async Task<bool> BlobExistsAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(HttpMethod.Head, $"/v2/{repository}/blobs/{digest}", new RegistryScope(repository, Push: false), $"checking blob {digest.ToShortString()} in {repository}");
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound)
        {
            return response.StatusCode == HttpStatusCode.OK;
        }

        // An answer to HEAD has no body, so the registry's error code (NAME_INVALID, DENIED, …) is not in it:
        // the same question as a GET brings the body the user needs to see, if the GET meets the same refusal.
        var explain = request with { Method = HttpMethod.Get };
        using var explained = await _transport.SendAsync(explain, cancellationToken).ConfigureAwait(false);
        throw await _transport.RejectedAsync(explained.StatusCode == response.StatusCode ? explained : response, request, "", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the repository holds the manifest or index <paramref name="digest"/> (one HEAD; anything but 200 counts as no).</summary>
    public async Task<bool> ManifestExistsAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(HttpMethod.Head, $"/v2/{repository}/manifests/{digest}", new RegistryScope(repository, Push: false), $"checking manifest {digest.ToShortString()} in {repository}")
        {
            Accept = ManifestTypes,
        };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// Makes <paramref name="blob"/> present in <paramref name="repository"/>: nothing when it is there,
    /// a mount from <paramref name="mountFrom"/> when the registry allows it, else an upload from <paramref name="open"/>.
    /// </summary>
    public async Task<BlobPushOutcome> PushBlobAsync(
        string repository, Descriptor blob, Func<Stream> open, string? mountFrom, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        if (await BlobExistsAsync(repository, blob.Digest, cancellationToken).ConfigureAwait(false))
        {
            return BlobPushOutcome.AlreadyPresent;
        }

        var upload = new BlobUpload(this, repository, blob, open, progress);
        try
        {
            if (mountFrom is not null && mountFrom != repository && await upload.TryMountAsync(mountFrom, cancellationToken).ConfigureAwait(false))
            {
                return BlobPushOutcome.Mounted;
            }

            var operation = $"the upload of {blob.Digest.ToShortString()} to {repository}";
            var attempts = new StrongBox<int>(1);
            try
            {
                // The first attempt runs outside the retry pipeline, so an upload that meets no failure never builds it.
                ExceptionDispatchInfo? failure = null;
                try
                {
                    await upload.SendAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (_transport.Options.MaxRetries > 0 && RegistryRetry.IsTransient(e))
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }

                if (failure is not null)
                {
                    await RetryUploadAsync(upload, failure, attempts, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not GoImageException)
            {
                throw _transport.Failure(e, operation, attempts.Value);
            }

            return BlobPushOutcome.Uploaded;
        }
        catch
        {
            // Canceled or failed for good, an open session would hold the partial blob until the registry expires it.
            await upload.AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stores a manifest or index under a tag or its digest. Returns whether the registry says it
    /// indexed the manifest's <c>subject</c> (the <c>OCI-Subject</c> header of a referrers-API registry).
    /// </summary>
    public async Task<bool> PutManifestAsync(string repository, string reference, ImageBlob manifest, CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(HttpMethod.Put, $"/v2/{repository}/manifests/{reference}", new RegistryScope(repository, Push: true), $"storing manifest {reference} of {repository}")
        {
            Content = _ =>
            {
                var content = new ByteArrayContent(manifest.Content);
                content.Headers.ContentType = new MediaTypeHeaderValue(manifest.Descriptor.MediaType);
                return content;
            },
        };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Accepted))
        {
            throw await _transport.RejectedAsync(response, request, "", cancellationToken).ConfigureAwait(false);
        }

        if (response.Headers.TryGetValues("Docker-Content-Digest", out var digests) && digests.FirstOrDefault() is { } reported
            && reported != manifest.Descriptor.Digest.ToString())
        {
            throw new GoImageException(Diagnostic.PushedDigestMismatch(Registry, $"manifest {reference} of {repository}", reported, manifest.Descriptor.Digest));
        }

        return response.Headers.Contains("OCI-Subject");
    }

    /// <summary>Fetches a manifest or index by tag or digest; its bytes are size-capped and, for a digest, checked.</summary>
    public async Task<ManifestContent> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken) =>
        await FetchManifestAsync(repository, reference, missingIsNull: false, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("unreachable: a missing manifest throws");

    /// <summary>Like <see cref="GetManifestAsync"/>, but null when the registry has no such manifest (404).</summary>
    public Task<ManifestContent?> FindManifestAsync(string repository, string reference, CancellationToken cancellationToken) =>
        FetchManifestAsync(repository, reference, missingIsNull: true, cancellationToken);

    private async Task<ManifestContent?> FetchManifestAsync(string repository, string reference, bool missingIsNull, CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(HttpMethod.Get, $"/v2/{repository}/manifests/{reference}", new RegistryScope(repository, Push: false), $"fetching manifest {reference} of {repository}")
        {
            Accept = ManifestTypes,
        };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            var errors = RegistryErrorBody.Parse(await _transport.ReadTextAsync(response, cancellationToken).ConfigureAwait(false));
            if (missingIsNull)
            {
                return null;
            }

            throw new GoImageException(Diagnostic.BaseImageNotFound($"{repository}:{reference}", Registry, RegistryErrorBody.Describe(errors, "HTTP 404")));
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await _transport.RejectedAsync(response, request, "", cancellationToken).ConfigureAwait(false);
        }

        var maxBytes = _transport.Options.MaxManifestBytes;
        var bytes = await _transport.ReadBytesAsync(response, maxBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new GoImageException(Diagnostic.ManifestTooLarge(Registry, $"{repository}:{reference}", maxBytes));
        var digest = Digest.Of(bytes);
        if (Digest.TryParse(reference, out var expected) && expected != digest)
        {
            throw new GoImageException(Diagnostic.BlobVerificationFailed(Registry, $"manifest {reference} of {repository}", expected, "?", digest, bytes.Length));
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? ManifestDocument.MediaTypeOf(bytes) ?? "";
        return new ManifestContent(bytes, digest, mediaType);
    }

    /// <summary>
    /// The referrers index of <paramref name="subject"/> from the referrers API (filtered by
    /// <paramref name="artifactType"/> where the registry supports it; all when null), or null when the registry has no
    /// such API (404): its referrers are then under <see cref="ImageReferrer.FallbackTag"/>.
    /// </summary>
    public async Task<byte[]?> FindReferrersAsync(string repository, Digest subject, string? artifactType, CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(
            HttpMethod.Get,
            $"/v2/{repository}/referrers/{subject}" + (artifactType is null ? "" : $"?artifactType={Uri.EscapeDataString(artifactType)}"),
            new RegistryScope(repository, Push: false),
            $"listing the referrers of {subject.ToShortString()} in {repository}")
        {
            Accept = [MediaTypes.ImageIndex],
        };
        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await _transport.RejectedAsync(response, request, "", cancellationToken).ConfigureAwait(false);
        }

        return await _transport.ReadBytesAsync(response, _transport.Options.MaxManifestBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new GoImageException(Diagnostic.ManifestTooLarge(Registry, request.Target, _transport.Options.MaxManifestBytes));
    }

    /// <summary>Streams a blob into <paramref name="destination"/>, failing (GOI3012) when its digest or size differ from <paramref name="blob"/>.</summary>
    public async Task DownloadBlobAsync(string repository, Descriptor blob, Stream destination, CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(HttpMethod.Get, $"/v2/{repository}/blobs/{blob.Digest}", new RegistryScope(repository, Push: false), $"downloading {blob.Digest.ToShortString()} from {repository}");
        var attempts = 0;
        long received = 0;
        try
        {
            await OperationRetry.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    received = 0;
                    destination.SetLength(0);
                    using var response = await _transport.SendAsync(request with { Retry = false }, token).ConfigureAwait(false);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw await _transport.RejectedAsync(response, request, "", token).ConfigureAwait(false);
                    }

                    using var hashing = new Layers.DigestStream(destination);
                    var tooLarge = false;
                    try
                    {
                        await _transport.CopyAsync(response, hashing, blob.Size, () => tooLarge = true, token).ConfigureAwait(false);
                    }
                    finally
                    {
                        received = hashing.BytesWritten;
                    }

                    if (tooLarge || hashing.BytesWritten != blob.Size || hashing.Digest != blob.Digest)
                    {
                        throw new GoImageException(Diagnostic.BlobVerificationFailed(Registry, $"{repository}@{blob.Digest}", blob.Digest, blob.Size,
                            tooLarge ? "more data" : hashing.Digest.ToString(), tooLarge ? $"over {blob.Size}" : hashing.BytesWritten.ToString(CultureInfo.InvariantCulture)));
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not GoImageException && received > 0)
        {
            // The registry answered and sent part of the blob: a cut connection, not an unreachable registry.
            throw new GoImageException(Diagnostic.BlobDownloadCutOff($"{repository}@{blob.Digest}", Registry, received, blob.Size, e.Message));
        }
        catch (Exception e) when (e is not OperationCanceledException and not GoImageException)
        {
            throw _transport.Failure(e, request.Operation, attempts);
        }
    }

    public void Dispose() => _transport.Dispose();

    private ResiliencePipeline OperationRetry => _operationRetry ??= RegistryRetry.ForOperations(_transport.Options);

    /// <summary>The retries of an upload whose first attempt failed with <paramref name="failure"/>: the pipeline's first try replays it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task RetryUploadAsync(BlobUpload upload, ExceptionDispatchInfo failure, StrongBox<int> attempts, CancellationToken cancellationToken)
    {
        var replayed = false;
        await OperationRetry.ExecuteAsync(
            async token =>
            {
                if (!replayed)
                {
                    replayed = true;
                    failure.Throw();
                }

                attempts.Value++;
                await upload.SendAsync(token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    internal RegistryTransport Transport => _transport;
}
