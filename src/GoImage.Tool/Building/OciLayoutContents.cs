using System.Text.Json;

namespace GoImage.Tool.Building;

/// <summary>
/// What an OCI image layout holds, read the way any OCI tool reads it: index.json → the image index →
/// each platform's manifest → its layer descriptors. Only descriptors are read, never layer bytes.
/// </summary>
internal sealed record OciLayoutContents(string IndexDigest, IReadOnlyList<LayoutPlatform> Platforms)
{
    private const string ImageIndexMediaType = "application/vnd.oci.image.index.v1+json";

    /// <summary>Reads <paramref name="layoutPath"/>; throws IOException or JsonException when it is not a readable layout.</summary>
    public static OciLayoutContents Read(string layoutPath)
    {
        using var index = ReadJson(Path.Combine(layoutPath, "index.json"));
        var manifests = index.RootElement.GetProperty("manifests");
        if (manifests.GetArrayLength() == 0)
        {
            throw new JsonException("index.json lists no image");
        }

        // Every tag names the same image index; the SDK writes one per tag.
        var top = manifests[0];
        var digest = top.GetProperty("digest").GetString()!;
        if (top.GetProperty("mediaType").GetString() != ImageIndexMediaType)
        {
            return new OciLayoutContents(digest, [ReadManifest(layoutPath, digest, "")]);
        }

        using var imageIndex = ReadJson(BlobPath(layoutPath, digest));
        var platforms = imageIndex.RootElement.GetProperty("manifests").EnumerateArray()
            .Select(m => ReadManifest(layoutPath, m.GetProperty("digest").GetString()!, PlatformOf(m)))
            .ToList();
        return new OciLayoutContents(digest, platforms);
    }

    private static LayoutPlatform ReadManifest(string layoutPath, string digest, string platform)
    {
        using var manifest = ReadJson(BlobPath(layoutPath, digest));
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray()
            .Select(l => new LayoutLayer(l.GetProperty("digest").GetString()!, l.GetProperty("size").GetInt64()))
            .ToList();
        return new LayoutPlatform(platform, digest, layers);
    }

    private static string PlatformOf(JsonElement descriptor)
    {
        if (!descriptor.TryGetProperty("platform", out var platform))
        {
            return "";
        }

        var text = $"{platform.GetProperty("os").GetString()}/{platform.GetProperty("architecture").GetString()}";
        return platform.TryGetProperty("variant", out var variant) ? $"{text}/{variant.GetString()}" : text;
    }

    private static string BlobPath(string layoutPath, string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || digest.AsSpan(colon + 1).ContainsAny(['/', '\\', '.']))
        {
            throw new JsonException($"'{digest}' is not a digest");
        }

        return Path.Combine(layoutPath, "blobs", digest[..colon], digest[(colon + 1)..]);
    }

    private static JsonDocument ReadJson(string path) => JsonDocument.Parse(File.ReadAllBytes(path));
}
