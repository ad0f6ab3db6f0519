using System.Text.Json;

namespace GoImage.Images;

/// <summary>
/// A manifest or index read back (from a registry or a layout), OCI or Docker v2: what it points at.
/// Only what pushing and pulling need is read; unknown fields are ignored as the spec asks.
/// </summary>
public sealed record ManifestDocument(string MediaType, Descriptor? Config, IReadOnlyList<Descriptor> Layers, IReadOnlyList<Descriptor> Manifests)
{
    public bool IsIndex => MediaType is MediaTypes.ImageIndex or DockerMediaTypes.ManifestList;

    /// <summary>Reads <paramref name="json"/>; <paramref name="contentType"/> is used when the document does not name its type.</summary>
    public static ManifestDocument Parse(byte[] json, string? contentType)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, contentType);
        }
        catch (JsonException e)
        {
            throw new FormatException($"it is not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>
    /// An image index that must have a <c>manifests</c> list (a layout's index.json, a referrers index);
    /// <paramref name="what"/> names it in the <see cref="FormatException"/>.
    /// </summary>
    public static ManifestDocument ParseIndex(byte[] json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array
                ? Read(root, MediaTypes.ImageIndex)
                : throw new FormatException($"{what} has no manifests list");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} is not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>Like <see cref="Parse"/>, for a document the caller has already parsed.</summary>
    private static ManifestDocument Read(JsonElement root, string? contentType)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("it is not a JSON object");
        }

        var mediaType = Text(root, "mediaType") ?? contentType
            ?? (root.TryGetProperty("manifests", out _) ? MediaTypes.ImageIndex : MediaTypes.ImageManifest);
        var config = root.TryGetProperty("config", out var c) ? ReadDescriptor(c) : null;
        return new ManifestDocument(mediaType, config, List(root, "layers"), List(root, "manifests"));
    }

    /// <summary>The <c>mediaType</c> a document names, when it names one.</summary>
    public static string? MediaTypeOf(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Text(document.RootElement, "mediaType") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<Descriptor> List(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(ReadDescriptor).ToList()
            : [];

    private static Descriptor ReadDescriptor(JsonElement element)
    {
        // A registry's bytes are untrusted: a descriptor that is not an object is a malformed manifest, not a crash.
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"a descriptor is a JSON {element.ValueKind}, not an object");
        }

        var digestText = Text(element, "digest") ?? "";
        if (!Digest.TryParse(digestText, out var digest))
        {
            throw new FormatException($"'{digestText}' is not a sha256 digest");
        }

        if (!element.TryGetProperty("size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number
            || !sizeElement.TryGetInt64(out var size) || size < 0)
        {
            throw new FormatException($"the descriptor of {digestText} has no valid size");
        }

        ImagePlatform? platform = null;
        if (element.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            platform = new ImagePlatform(Text(p, "os") ?? "", Text(p, "architecture") ?? "", Text(p, "variant"));
        }

        return new Descriptor(Text(element, "mediaType") ?? "", digest, size)
        {
            Platform = platform,
            ArtifactType = Text(element, "artifactType"),
            Annotations = element.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object
                ? a.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.String).ToDictionary(e => e.Name, e => e.Value.GetString()!, StringComparer.Ordinal)
                : new Dictionary<string, string>(),
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
