using System.Text.Json;
using GoImage.Images;

namespace GoImage.Inspection;

/// <summary>
/// Reads descriptors with what <see cref="Registry.ManifestDocument"/> leaves out and inspection needs:
/// annotations and <c>artifactType</c>.
/// </summary>
internal static class JsonDescriptor
{
    public static Descriptor Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"a descriptor is a JSON {element.ValueKind}, not an object");
        }

        var digestText = Text(element, "digest") ?? "";
        if (!Digest.TryParse(digestText, out var digest))
        {
            throw new FormatException($"'{digestText}' is not a sha256 digest");
        }

        if (!element.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var bytes) || bytes < 0)
        {
            throw new FormatException($"the descriptor of {digestText} has no valid size");
        }

        ImagePlatform? platform = null;
        if (element.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            platform = new ImagePlatform(Text(p, "os") ?? "", Text(p, "architecture") ?? "", Text(p, "variant"));
        }

        return new Descriptor(Text(element, "mediaType") ?? "", digest, bytes) { Platform = platform, Annotations = StringMap(element, "annotations") };
    }

    public static IReadOnlyDictionary<string, string> StringMap(JsonElement element, string name)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                map[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return map;
    }

    public static IReadOnlyList<string> StringList(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList()
            : [];

    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
