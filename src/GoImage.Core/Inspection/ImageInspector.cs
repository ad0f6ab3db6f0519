using System.Text.Json;
using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Inspection;

/// <summary>Reads an image from any <see cref="IImageSource"/>: index (or single manifest) → each platform's manifest → config, and its SPDX referrer.</summary>
public static class ImageInspector
{
    public static async Task<ImageInspection> InspectAsync(IImageSource source, CancellationToken cancellationToken)
    {
        var root = await source.ReadRootAsync(cancellationToken).ConfigureAwait(false);
        var document = Parse(source, "image", root.Digest, root.Bytes, root.MediaType);
        var platforms = new List<PlatformInspection>();
        if (document.IsIndex)
        {
            foreach (var entry in document.Manifests)
            {
                // BuildKit lists its attestations as unknown/unknown manifests; they are not images to inspect.
                if (entry.Platform is { Os: "unknown" } || entry.MediaType is MediaTypes.ImageIndex or DockerMediaTypes.ManifestList)
                {
                    continue;
                }

                var bytes = await source.ReadBlobAsync(entry, cancellationToken).ConfigureAwait(false);
                platforms.Add(await InspectManifestAsync(source, entry.Digest, bytes, entry.MediaType, entry.Platform, cancellationToken).ConfigureAwait(false));
            }
        }
        else if (document.MediaType is MediaTypes.ImageManifest or DockerMediaTypes.Manifest)
        {
            platforms.Add(await InspectManifestAsync(source, root.Digest, root.Bytes, document.MediaType, null, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            throw new GoImageException(Diagnostic.ImageKindUnsupported(source.Reference, document.MediaType.Length == 0 ? "document without a media type" : document.MediaType));
        }

        return new ImageInspection(source.Reference, document.MediaType, root.Digest, platforms) { Annotations = Annotations(root.Bytes) };
    }

    private static async Task<PlatformInspection> InspectManifestAsync(
        IImageSource source, Digest digest, byte[] bytes, string mediaType, ImagePlatform? listed, CancellationToken cancellationToken)
    {
        var manifest = Parse(source, "manifest", digest, bytes, mediaType);
        if (manifest.Config is null)
        {
            throw new GoImageException(Diagnostic.ImageBlobInvalid("manifest", digest, source.Reference, "it has no config"));
        }

        var configBytes = await source.ReadBlobAsync(manifest.Config, cancellationToken).ConfigureAwait(false);
        PlatformInspection platform;
        try
        {
            platform = ReadConfig(configBytes, listed, digest, manifest.Config.Digest);
        }
        catch (JsonException e)
        {
            throw new GoImageException(Diagnostic.ImageBlobInvalid("config", manifest.Config.Digest, source.Reference, $"it is not valid JSON ({e.Message})"));
        }

        return platform with
        {
            Annotations = Annotations(bytes),
            Layers = manifest.Layers,
            Sbom = await FindSbomAsync(source, digest, cancellationToken).ConfigureAwait(false),
        };
    }

    private static PlatformInspection ReadConfig(byte[] json, ImagePlatform? listed, Digest manifestDigest, Digest configDigest)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var platform = listed ?? new ImagePlatform(
            JsonValues.Text(root, "os") ?? "unknown", JsonValues.Text(root, "architecture") ?? "unknown", JsonValues.Text(root, "variant"));
        var config = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var ports = config.ValueKind == JsonValueKind.Object && config.TryGetProperty("ExposedPorts", out var exposed) && exposed.ValueKind == JsonValueKind.Object
            ? exposed.EnumerateObject().Select(p => p.Name).ToList()
            : [];
        return new PlatformInspection(platform.ToString(), manifestDigest, configDigest)
        {
            User = Blank(JsonValues.Text(config, "User")),
            Entrypoint = JsonValues.StringList(config, "Entrypoint"),
            Cmd = JsonValues.StringList(config, "Cmd"),
            WorkingDir = Blank(JsonValues.Text(config, "WorkingDir")),
            Ports = ports,
            Env = JsonValues.StringList(config, "Env"),
            Labels = JsonValues.StringMap(config, "Labels"),
            Created = JsonValues.Text(root, "created"),
        };
    }

    /// <summary>The first SPDX referrer of <paramref name="subject"/>: its manifest's one SPDX layer, and the document's package count.</summary>
    private static async Task<SbomInspection?> FindSbomAsync(IImageSource source, Digest subject, CancellationToken cancellationToken)
    {
        var referrers = await source.FindReferrersAsync(subject, MediaTypes.SpdxJson, cancellationToken).ConfigureAwait(false);
        if (referrers.Count == 0)
        {
            return null;
        }

        var referrer = referrers[0];
        var referrerDescriptor = referrer.MediaType.Length > 0 ? referrer : referrer with { MediaType = MediaTypes.ImageManifest };
        var manifestBytes = await source.ReadBlobAsync(referrerDescriptor, cancellationToken).ConfigureAwait(false);
        var manifest = Parse(source, "SBOM manifest", referrer.Digest, manifestBytes, MediaTypes.ImageManifest);
        var layer = manifest.Layers.FirstOrDefault(l => l.MediaType == MediaTypes.SpdxJson)
            ?? throw new GoImageException(Diagnostic.ImageBlobInvalid("SBOM manifest", referrer.Digest, source.Reference, $"it has no {MediaTypes.SpdxJson} layer"));
        var spdx = await source.ReadBlobAsync(layer, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(spdx);
            var packages = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("packages", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.GetArrayLength()
                : 0;
            return new SbomInspection(referrer.Digest, layer.Digest, packages);
        }
        catch (JsonException e)
        {
            throw new GoImageException(Diagnostic.ImageBlobInvalid("SBOM", layer.Digest, source.Reference, $"it is not valid JSON ({e.Message})"));
        }
    }

    private static ManifestDocument Parse(IImageSource source, string role, Digest digest, byte[] bytes, string mediaType)
    {
        try
        {
            return ManifestDocument.Parse(bytes, mediaType.Length > 0 ? mediaType : null);
        }
        catch (FormatException e)
        {
            throw new GoImageException(Diagnostic.ImageBlobInvalid(role, digest, source.Reference, e.Message));
        }
    }

    private static IReadOnlyDictionary<string, string> Annotations(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonValues.StringMap(document.RootElement, "annotations");
    }

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
