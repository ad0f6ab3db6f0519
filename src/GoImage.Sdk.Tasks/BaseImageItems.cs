using System.Text.Json;
using System.Text.Json.Nodes;
using GoImage.Diagnostics;
using GoImage.Images;
using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>
/// ImageBase's outputs ⇄ the core's <see cref="BaseImage"/>, so ImageLayer and ImageLayout build on the base ImageBase
/// resolved instead of reading it from the cache again: the pinned reference (a property), one ContainerBaseImagePlatform
/// item a platform (its manifest digest and the config fields an image keeps) and, per platform bottom first, its
/// ContainerBaseImageLayer items (<see cref="LayerItems"/>, with the Registry and Repository a push mounts them from).
/// </summary>
internal static class BaseImageItems
{
    private const string PlatformItem = "ContainerBaseImagePlatform";
    private const string LayerItem = "ContainerBaseImageLayer";
    private const string Producer = "ImageBase";

    // The config fields keep their OCI names; lists and maps are JSON, since any character may be in them.
    private const string ManifestDigestName = "ManifestDigest";
    private const string ConfigPlatformName = "ConfigPlatform";
    private const string EnvName = "Env";
    private const string LabelsName = "Labels";
    private const string ExposedPortsName = "ExposedPorts";
    private const string HistoryName = "History";

    public static (ITaskItem[] Platforms, ITaskItem[] Layers) ToItems(BaseImage image)
    {
        var source = new[] { new KeyValuePair<string, string>("Registry", image.Reference.Registry), new KeyValuePair<string, string>("Repository", image.Reference.Repository) };
        var platforms = image.Platforms.Select(p => ItemMetadata.Literal(p.Platform.ToString(), new Dictionary<string, string>
        {
            [ItemMetadata.Platform] = p.Platform.ToString(),
            [ManifestDigestName] = p.ManifestDigest.ToString(),
            [ConfigPlatformName] = p.Config.Platform.ToString(),
            [EnvName] = new JsonArray(p.Config.Environment.Select(e => (JsonNode?)e).ToArray()).ToJsonString(),
            [LabelsName] = new JsonObject(p.Config.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))).ToJsonString(),
            [ExposedPortsName] = new JsonArray(p.Config.ExposedPorts.Select(e => (JsonNode?)e).ToArray()).ToJsonString(),
            [HistoryName] = new JsonArray(p.Config.History.Select(ToJson).ToArray()).ToJsonString(),
        })).ToArray<ITaskItem>();
        var layers = image.Platforms.SelectMany(p => p.Layers.Select(l => LayerItems.ToItem(l, p.Platform, source))).ToArray();
        return (platforms, layers);
    }

    /// <summary>
    /// The base <paramref name="reference"/> names, with a part for each of <paramref name="wanted"/>; null for no registry
    /// base (an empty reference), and null with a coded error when the items do not hold that.
    /// </summary>
    public static BaseImage? Read(string reference, ITaskItem[] platforms, ITaskItem[] layers, IEnumerable<ImagePlatform> wanted, List<Diagnostic> diagnostics)
    {
        if (reference.Length == 0)
        {
            return null;
        }

        if (!ImageReference.TryParse(reference, out var pinned, out var problem) || pinned.Digest is null)
        {
            diagnostics.Add(Diagnostic.InvalidImageReference("ContainerBaseImageReference", reference, problem ?? "it has no digest"));
            return null;
        }

        var before = diagnostics.Count;
        var layersByPlatform = LayerItems.Read(layers, LayerItem, Producer, diagnostics).ToLookup(l => l.Platform, l => l.Layer);
        var parts = new List<BasePlatformImage>();
        foreach (var item in platforms)
        {
            var platform = ItemMetadata.ReadPlatform(item, diagnostics)?.ToImagePlatform();
            var manifest = ItemMetadata.ReadDigest(item, ManifestDigestName, PlatformItem, Producer, diagnostics);
            var config = ReadConfig(item, diagnostics);
            if (platform is not null && manifest is not null && config is not null)
            {
                var own = layersByPlatform[platform].ToList();
                parts.Add(new BasePlatformImage(platform, manifest.Value, own, config with { DiffIds = own.Select(l => l.DiffId).ToList() }));
            }
        }

        foreach (var missing in wanted.Distinct().Where(w => parts.All(p => p.Platform != w)))
        {
            diagnostics.Add(Diagnostic.BaseImagePartNotPassed(reference, missing));
        }

        return diagnostics.Count > before ? null : new BaseImage(pinned, pinned.Digest.Value, parts);
    }

    /// <summary>Each base layer's digest with the repository it can be mounted from, for those on <paramref name="registry"/>.</summary>
    public static Dictionary<Digest, string> MountSources(ITaskItem[] layers, string registry, List<Diagnostic> diagnostics)
    {
        var sources = new Dictionary<Digest, string>();
        foreach (var item in layers.Where(l => string.Equals(l.GetMetadata("Registry"), registry, StringComparison.OrdinalIgnoreCase)))
        {
            if (LayerItems.Read(item, LayerItem, Producer, diagnostics) is { } layer)
            {
                sources.TryAdd(layer.Layer.Digest, item.GetMetadata("Repository"));
            }
        }

        return sources;
    }

    private static BaseImageConfig? ReadConfig(ITaskItem item, List<Diagnostic> diagnostics)
    {
        var platform = item.GetMetadata(ConfigPlatformName).Split('/');
        if (platform.Length is < 2 or > 3 || platform.Any(p => p.Length == 0))
        {
            diagnostics.Add(ItemMetadata.Invalid(item, PlatformItem, ConfigPlatformName, item.GetMetadata(ConfigPlatformName), "os/arch[/variant]", Producer));
            return null;
        }

        var environment = Json(item, EnvName, diagnostics, Strings);
        var labels = Json(item, LabelsName, diagnostics, json => json is JsonObject map && map.All(l => l.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            ? map.ToDictionary(l => l.Key, l => l.Value!.GetValue<string>(), StringComparer.Ordinal)
            : null);
        var ports = Json(item, ExposedPortsName, diagnostics, Strings);
        var history = Json(item, HistoryName, diagnostics, json => json is JsonArray entries && entries.All(e => e is JsonObject h && IsString(h["created_by"]))
            ? entries.Select(e => FromJson(e!.AsObject())).ToList()
            : null);
        if (environment is null || labels is null || ports is null || history is null)
        {
            return null;
        }

        return new BaseImageConfig(new ImagePlatform(platform[0], platform[1], platform.Length == 3 ? platform[2] : null))
        {
            Environment = environment,
            Labels = labels,
            ExposedPorts = ports,
            History = history,
        };
    }

    /// <summary>The metadata's JSON in the shape <paramref name="read"/> accepts (it returns null for any other); else GOI2050.</summary>
    private static T? Json<T>(ITaskItem item, string name, List<Diagnostic> diagnostics, Func<JsonNode?, T?> read)
        where T : class
    {
        var text = item.GetMetadata(name);
        T? value = null;
        try
        {
            value = read(JsonNode.Parse(text));
        }
        catch (JsonException)
        {
            // Reported below, as any other shape ImageBase does not write.
        }

        if (value is null)
        {
            diagnostics.Add(ItemMetadata.Invalid(item, PlatformItem, name, text, "the JSON ImageBase writes", Producer));
        }

        return value;
    }

    private static List<string>? Strings(JsonNode? json) =>
        json is JsonArray array && array.All(IsString) ? array.Select(v => v!.GetValue<string>()).ToList() : null;

    private static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    private static JsonNode ToJson(HistoryEntry entry)
    {
        var json = new JsonObject { ["created_by"] = entry.CreatedBy };
        if (entry.Comment is not null)
        {
            json["comment"] = entry.Comment;
        }

        if (entry.Created is not null)
        {
            json["created"] = entry.Created;
        }

        if (entry.EmptyLayer)
        {
            json["empty_layer"] = true;
        }

        return json;
    }

    private static HistoryEntry FromJson(JsonObject json) => new(json["created_by"]!.GetValue<string>(), IsString(json["comment"]) ? json["comment"]!.GetValue<string>() : null)
    {
        Created = IsString(json["created"]) ? json["created"]!.GetValue<string>() : null,
        EmptyLayer = json["empty_layer"] is JsonValue empty && empty.GetValueKind() == JsonValueKind.True,
    };
}
