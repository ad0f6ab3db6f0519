using System.Text.Json;

namespace GoImage.Images;

/// <summary>What an image built on a base keeps of the base's config: its platform, environment, labels, ports, layer ids and history.</summary>
public sealed record BaseImageConfig(ImagePlatform Platform)
{
    public IReadOnlyList<string> Environment { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    public IReadOnlyList<Digest> DiffIds { get; init; } = [];

    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    // The config's JSON key, which happens to share this record's property name.
    private const string ExposedPortsKey = "ExposedPorts";

    public static BaseImageConfig Parse(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var platform = new ImagePlatform(Text(root, "os") ?? "", Text(root, "architecture") ?? "", Text(root, "variant"));
            var config = root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            var diffIds = new List<Digest>();
            if (root.TryGetProperty("rootfs", out var rootfs) && rootfs.TryGetProperty("diff_ids", out var ids) && ids.ValueKind == JsonValueKind.Array)
            {
                foreach (var id in ids.EnumerateArray())
                {
                    diffIds.Add(Digest.TryParse(id.GetString() ?? "", out var digest) ? digest : throw new FormatException($"diff_id '{id}' is not a sha256 digest"));
                }
            }

            return new BaseImageConfig(platform)
            {
                Environment = Strings(config, "Env"),
                Labels = Map(config, "Labels"),
                ExposedPorts = config.ValueKind == JsonValueKind.Object && config.TryGetProperty(ExposedPortsKey, out var ports) && ports.ValueKind == JsonValueKind.Object
                    ? ports.EnumerateObject().Select(p => p.Name).ToList()
                    : [],
                DiffIds = diffIds,
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

    private static List<string> Strings(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];

    private static Dictionary<string, string> Map(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object
            ? map.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
