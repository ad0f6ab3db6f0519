using System.Text.Json;
using System.Text.Json.Nodes;
using GoImage.Diagnostics;

namespace GoImage.Tool.Scaffolding;

/// <summary>
/// The global.json that governs a folder (the nearest one in it or above it, as the dotnet host and
/// MSBuild's SDK resolver find it), and the <c>msbuild-sdks</c> entry that pins GoImage.Sdk there.
/// </summary>
internal static class GlobalJsonFile
{
    public const string SdkName = "GoImage.Sdk";

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, IndentSize = 2 };

    /// <summary>The nearest global.json in <paramref name="directory"/> or a folder above it, or null.</summary>
    public static string? FindNearest(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "global.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The GoImage.Sdk version <paramref name="text"/> already pins, or null when its msbuild-sdks
    /// has no such entry.
    /// </summary>
    public static string? PinnedVersion(string path, string text)
    {
        var sdks = Parse(path, text)["msbuild-sdks"] as JsonObject;
        var entry = sdks?.FirstOrDefault(p => string.Equals(p.Key, SdkName, StringComparison.OrdinalIgnoreCase));
        return entry?.Value?.GetValueKind() == JsonValueKind.String ? entry.Value.Value.GetValue<string>() : null;
    }

    /// <summary>
    /// <paramref name="text"/> with <c>"msbuild-sdks": { "GoImage.Sdk": version }</c> added, every other
    /// setting kept in its place (comments, which JSON lacks, are not).
    /// </summary>
    public static string AddSdk(string path, string text, string version)
    {
        var root = Parse(path, text);
        if (root["msbuild-sdks"] is not JsonObject sdks)
        {
            sdks = new JsonObject();
            root["msbuild-sdks"] = sdks;
        }

        sdks[SdkName] = version;
        return root.ToJsonString(WriteOptions) + "\n";
    }

    private static JsonObject Parse(string path, string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: ReadOptions) as JsonObject
                ?? throw new GoImageException(Diagnostic.ToolGlobalJsonUnreadable(path, "it is not a JSON object"));
        }
        catch (JsonException e)
        {
            throw new GoImageException(Diagnostic.ToolGlobalJsonUnreadable(path, e.Message));
        }
    }
}
