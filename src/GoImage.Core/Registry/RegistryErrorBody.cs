using System.Text.Json;

namespace GoImage.Registry;

/// <summary>The distribution spec's error body, <c>{"errors":[{"code":"BLOB_UNKNOWN","message":…}]}</c>, reduced to what users read.</summary>
internal static class RegistryErrorBody
{
    /// <summary>Reads the codes and messages; a body that is not the JSON error shape gives nothing.</summary>
    public static IReadOnlyList<(string Code, string Message)> Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return errors.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object)
                .Select(e => (Text(e, "code") ?? "UNKNOWN", Text(e, "message") ?? ""))
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary><c>DENIED: requested access to the resource is denied</c>; the status text when there is no JSON error.</summary>
    public static string Describe(IReadOnlyList<(string Code, string Message)> errors, string fallback) =>
        errors.Count == 0 ? fallback : string.Join("; ", errors.Select(e => e.Message.Length == 0 ? e.Code : $"{e.Code}: {e.Message}"));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
