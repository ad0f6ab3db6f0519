using System.Text.Json;
using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Inspection;

/// <summary>
/// Reads an image from any <see cref="IImageSource"/>: index (or single manifest) → each platform's manifest →
/// config; and for each manifest its signatures, attestations and referrers (listed, not verified), the SPDX one read.
/// </summary>
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

        // A single manifest's artifacts are its platform's; an index has its own.
        var artifacts = document.IsIndex
            ? await ImageArtifacts.ListAsync(source, root.Digest, cancellationToken).ConfigureAwait(false)
            : [];
        return new ImageInspection(source.Reference, document.MediaType, root.Digest, platforms) { Annotations = Annotations(root.Bytes), Artifacts = artifacts };
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
        ImageConfigDocument config;
        try
        {
            config = ImageConfigDocument.Parse(configBytes);
        }
        catch (FormatException e)
        {
            throw new GoImageException(Diagnostic.ImageBlobInvalid("config", manifest.Config.Digest, source.Reference, e.Message));
        }

        var artifacts = await ImageArtifacts.ListAsync(source, digest, cancellationToken).ConfigureAwait(false);
        var platform = listed ?? new ImagePlatform(Blank(config.Platform.Os) ?? "unknown", Blank(config.Platform.Architecture) ?? "unknown", config.Platform.Variant);
        return new PlatformInspection(platform.ToString(), digest, manifest.Config.Digest)
        {
            User = Blank(config.User),
            Entrypoint = config.Entrypoint,
            Cmd = config.Cmd,
            WorkingDir = Blank(config.WorkingDirectory),
            Ports = config.ExposedPorts,
            Env = config.Environment,
            Labels = config.Labels,
            Created = config.Created,
            Annotations = Annotations(bytes),
            Layers = manifest.Layers,
            Sbom = await ReadSbomAsync(source, artifacts.FirstOrDefault(a => a.Kind == ArtifactKind.Sbom && a.Tag is null), cancellationToken).ConfigureAwait(false),
            Artifacts = artifacts,
        };
    }

    /// <summary>The first SPDX referrer's document: its package count.</summary>
    private static async Task<SbomInspection?> ReadSbomAsync(IImageSource source, ArtifactInspection? sbom, CancellationToken cancellationToken)
    {
        if (sbom is null)
        {
            return null;
        }

        var spdx = await source.ReadBlobAsync(new Descriptor(sbom.MediaType, sbom.Digest, sbom.Size), cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(spdx);
            var packages = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("packages", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.GetArrayLength()
                : 0;
            return new SbomInspection(sbom.ManifestDigest, sbom.Digest, packages);
        }
        catch (JsonException e)
        {
            throw new GoImageException(Diagnostic.ImageBlobInvalid("SBOM", sbom.Digest, source.Reference, $"it is not valid JSON ({e.Message})"));
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
