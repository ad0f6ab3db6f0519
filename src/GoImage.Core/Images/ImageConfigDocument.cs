using System.Text.Json;

namespace GoImage.Images;

/// <summary>
/// An image config as read from its JSON, whoever wrote it (a base image, an image to inspect): the one config
/// reader. Values are kept as written; a field that is absent, null or of another type reads as empty, and a
/// list or map entry that is not a string is skipped (Docker writes null for an empty Env or Labels).
/// </summary>
public sealed record ImageConfigDocument(ImagePlatform Platform)
{
    /// <summary>The config's <c>created</c>, as written.</summary>
    public string? Created { get; init; }

    public string? User { get; init; }

    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    public IReadOnlyList<string> Cmd { get; init; } = [];

    public string? WorkingDirectory { get; init; }

    /// <summary><c>NAME=value</c> entries, in the config's order.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The keys of <c>ExposedPorts</c>: <c>8080/tcp</c>.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    /// <summary><c>rootfs.diff_ids</c> as written (a reader that needs digests checks them).</summary>
    public IReadOnlyList<string> DiffIds { get; init; } = [];

    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    // The config's JSON key, which happens to share this record's property name.
    private const string ExposedPortsKey = "ExposedPorts";

    /// <summary>Reads a config; the platform's parts are empty where the config names none.</summary>
    /// <exception cref="FormatException">Not a JSON object, or <c>rootfs</c> or a diff_id of the wrong type.</exception>
    public static ImageConfigDocument Parse(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("its config is not a JSON object");
            }

            var config = root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            return new ImageConfigDocument(new ImagePlatform(Text(root, "os") ?? "", Text(root, "architecture") ?? "", Text(root, "variant")))
            {
                Created = Text(root, "created"),
                User = Text(config, "User"),
                Entrypoint = Strings(config, "Entrypoint"),
                Cmd = Strings(config, "Cmd"),
                WorkingDirectory = Text(config, "WorkingDir"),
                Environment = Strings(config, "Env"),
                Labels = Map(config, "Labels"),
                ExposedPorts = config.ValueKind == JsonValueKind.Object && config.TryGetProperty(ExposedPortsKey, out var ports) && ports.ValueKind == JsonValueKind.Object
                    ? ports.EnumerateObject().Select(p => p.Name).ToList()
                    : [],
                DiffIds = DiffIdsOf(root),
                History = root.TryGetProperty("history", out var history) && history.ValueKind == JsonValueKind.Array
                    ? history.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.Object).Select(h => new HistoryEntry(Text(h, "created_by") ?? "", Text(h, "comment"))
                    {
                        Created = Text(h, "created"),
                        EmptyLayer = h.TryGetProperty("empty_layer", out var empty) && empty.ValueKind == JsonValueKind.True,
                    }).ToList()
                    : [],
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"its config is not valid JSON ({e.Message})", e);
        }
    }

    private static List<string> DiffIdsOf(JsonElement root)
    {
        if (!root.TryGetProperty("rootfs", out var rootfs) || !rootfs.TryGetProperty("diff_ids", out var ids) || ids.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return ids.EnumerateArray().Select(id => id.ValueKind == JsonValueKind.String ? id.GetString()! : throw new FormatException($"diff_id {id.GetRawText()} is not a string")).ToList();
    }

    private static List<string> Strings(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];

    private static SortedDictionary<string, string> Map(JsonElement element, string name) =>
        new(element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object
            ? map.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(), StringComparer.Ordinal);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
