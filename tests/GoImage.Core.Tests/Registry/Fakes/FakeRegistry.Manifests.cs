using System.Text.Json;
using Microsoft.AspNetCore.Http;
using GoImage.Images;

namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>Manifests (by tag or digest) and the tag list.</summary>
public sealed partial class FakeRegistry
{
    private async Task HandleManifestAsync(HttpContext context, string name, string reference)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsPut(method))
        {
            await PutManifestAsync(context, name, reference).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "UNSUPPORTED", "manifests are read and written here").ConfigureAwait(false);
            return;
        }

        // Accept is honoured loosely: the manifest is answered as it was pushed, whatever the client listed.
        string? digest = null;
        StoredManifest? manifest = null;
        lock (_gate)
        {
            if (_repositories.TryGetValue(name, out var store) && store.Resolve(reference) is { } found)
            {
                digest = found;
                manifest = store.Manifests[found];
            }
        }

        if (manifest is null)
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status404NotFound, "MANIFEST_UNKNOWN", "manifest unknown to registry", reference).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = manifest.ContentType;
        response.ContentLength = manifest.Bytes.Length;
        response.Headers["Docker-Content-Digest"] = digest;
        if (HttpMethods.IsGet(method))
        {
            await response.Body.WriteAsync(manifest.Bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task PutManifestAsync(HttpContext context, string name, string reference)
    {
        var request = context.Request;
        var limit = Options.MaxManifestBytes;
        if (limit is { } declaredLimit && request.ContentLength > declaredLimit)
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "SIZE_INVALID", "manifest too large").ConfigureAwait(false);
            return;
        }

        var isDigest = RegistryRoute.IsDigest(reference);
        if (!isDigest && !RegistryRoute.IsTag(reference))
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "MANIFEST_INVALID", "invalid tag", reference).ConfigureAwait(false);
            return;
        }

        var bytes = await ReadBodyAsync(context).ConfigureAwait(false);
        if (limit is { } actualLimit && bytes.Length > actualLimit)
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "SIZE_INVALID", "manifest too large").ConfigureAwait(false);
            return;
        }

        var contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType))
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "MANIFEST_INVALID", "a manifest PUT needs the manifest's media type as Content-Type").ConfigureAwait(false);
            return;
        }

        if (!TryReadReferences(bytes, MediaTypeOnly(contentType), out var blobs, out var children, out var problem))
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "MANIFEST_INVALID", problem).ConfigureAwait(false);
            return;
        }

        var digest = DigestOf(bytes);
        if (isDigest && reference != digest)
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "DIGEST_INVALID", $"the manifest's digest is {digest}", reference).ConfigureAwait(false);
            return;
        }

        string? missing;
        lock (_gate)
        {
            var store = Repository(name);
            missing = blobs.FirstOrDefault(blob => !store.Blobs.ContainsKey(blob))
                ?? children.FirstOrDefault(child => !store.Manifests.ContainsKey(child));
            if (missing is null)
            {
                store.Manifests[digest] = new StoredManifest(bytes, contentType);
                if (!isDigest)
                {
                    store.Tags[reference] = digest;
                }
            }
        }

        if (missing is not null)
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "MANIFEST_BLOB_UNKNOWN", "the manifest references content unknown to the repository", missing).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.Headers.Location = Location($"/v2/{name}/manifests/{digest}");
        response.Headers["Docker-Content-Digest"] = digest;
        if (Options.ReferrersApi && SubjectOf(bytes) is { } subject)
        {
            response.Headers["OCI-Subject"] = subject;
        }

        response.ContentLength = 0;
    }

    private static string? SubjectOf(byte[] manifest)
    {
        using var document = JsonDocument.Parse(manifest);
        return document.RootElement.TryGetProperty("subject", out var subject) && subject.TryGetProperty("digest", out var digest) ? digest.GetString() : null;
    }

    private async Task HandleTagsAsync(HttpContext context, string name)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "UNSUPPORTED", "tags are listed with GET").ConfigureAwait(false);
            return;
        }

        string[]? tags = null;
        lock (_gate)
        {
            if (_repositories.TryGetValue(name, out var store))
            {
                tags = [.. store.Tags.Keys.Order(StringComparer.Ordinal)];
            }
        }

        if (tags is null)
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status404NotFound, "NAME_UNKNOWN", "repository name not known to registry", name).ConfigureAwait(false);
            return;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["name"] = name, ["tags"] = tags });
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads what a manifest references: <c>config</c> and <c>layers</c> blobs of an image manifest, or the
    /// <c>manifests</c> of an index. Fails on JSON that is not a manifest or whose mediaType is not the Content-Type.
    /// </summary>
    private static bool TryReadReferences(byte[] bytes, string contentType, out List<string> blobs, out List<string> children, out string problem)
    {
        blobs = [];
        children = [];
        problem = "";
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "a manifest is a JSON object";
                return false;
            }

            if (root.TryGetProperty("mediaType", out var mediaType) && mediaType.ValueKind == JsonValueKind.String
                && !string.Equals(mediaType.GetString(), contentType, StringComparison.Ordinal))
            {
                problem = $"mediaType {mediaType.GetString()} differs from Content-Type {contentType}";
                return false;
            }

            if (root.TryGetProperty("manifests", out var manifests))
            {
                return ReadDigests(manifests, isArray: true, children, ref problem);
            }

            if (!root.TryGetProperty("config", out var config) || !root.TryGetProperty("layers", out var layers))
            {
                problem = "an image manifest has config and layers; an index has manifests";
                return false;
            }

            return ReadDigests(config, isArray: false, blobs, ref problem) && ReadDigests(layers, isArray: true, blobs, ref problem);
        }
        catch (JsonException exception)
        {
            problem = "not JSON: " + exception.Message;
            return false;
        }
    }

    private static bool ReadDigests(JsonElement element, bool isArray, List<string> digests, ref string problem)
    {
        JsonElement[] descriptors;
        if (!isArray)
        {
            descriptors = [element];
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            descriptors = [.. element.EnumerateArray()];
        }
        else
        {
            problem = "descriptors must be in an array";
            return false;
        }

        foreach (var descriptor in descriptors)
        {
            if (descriptor.ValueKind != JsonValueKind.Object
                || !descriptor.TryGetProperty("digest", out var digest)
                || digest.ValueKind != JsonValueKind.String
                || !RegistryRoute.IsDigest(digest.GetString()))
            {
                problem = "every descriptor needs a sha256 digest";
                return false;
            }

            digests.Add(digest.GetString()!);
        }

        return true;
    }

    private static string MediaTypeOnly(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
    }
}
