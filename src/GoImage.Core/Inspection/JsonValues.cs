using System.Text.Json;

namespace GoImage.Inspection;

/// <summary>
/// Reads a manifest's annotations for inspection, tolerating what is missing or of another type.
/// </summary>
internal static class JsonValues
{
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
}
