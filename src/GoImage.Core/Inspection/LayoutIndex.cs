using System.Text.Json;
using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Inspection;

/// <summary>
/// Reads an OCI layout's <c>index.json</c> and picks the image a command means: the one named by a tag,
/// else the first entry that is not a referrers index.
/// </summary>
public static class LayoutIndex
{
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>The name a referrers index of <paramref name="subject"/> carries, in a layout and as a registry fallback tag.</summary>
    public static string ReferrersTag(Digest subject) => "sha256-" + subject.Hex;

    public static bool IsReferrersTag(string? refName) =>
        refName is not null && refName.StartsWith("sha256-", StringComparison.Ordinal) && Digest.TryParse("sha256:" + refName["sha256-".Length..], out _);

    /// <summary>Whether <paramref name="path"/> looks like a layout: a folder with <c>index.json</c>.</summary>
    public static bool IsLayout(string path) => File.Exists(Path.Combine(path, "index.json"));

    public static IReadOnlyList<LayoutEntry> Read(string layoutPath)
    {
        var indexPath = Path.Combine(layoutPath, "index.json");
        if (!File.Exists(indexPath))
        {
            throw new GoImageException(Diagnostic.Error("LayoutUnreadable", layoutPath, "it has no index.json"));
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("index.json has no manifests list");
            }

            return manifests.EnumerateArray().Select(ReadEntry).ToList();
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new GoImageException(Diagnostic.Error("LayoutUnreadable", layoutPath, $"index.json is not a valid image index ({e.Message})"));
        }
    }

    /// <summary>
    /// The entry named <paramref name="tag"/> (the whole ref name, or what follows its last ':' as in
    /// <c>repo:tag</c>), or without a tag the first entry that is not a referrers index.
    /// </summary>
    public static LayoutEntry Select(string layoutPath, IReadOnlyList<LayoutEntry> entries, string? tag)
    {
        var images = entries.Where(e => !e.IsReferrersIndex).ToList();
        if (tag is null)
        {
            return images.FirstOrDefault()
                ?? throw new GoImageException(Diagnostic.Error("LayoutUnreadable", layoutPath, "index.json names no image"));
        }

        var named = images.FirstOrDefault(e => e.RefName == tag)
            ?? images.FirstOrDefault(e => e.RefName is { } name && name.EndsWith(":" + tag, StringComparison.Ordinal));
        if (named is null)
        {
            var names = images.Select(e => e.RefName).OfType<string>().ToList();
            throw new GoImageException(Diagnostic.Error(
                "LayoutTagNotFound", layoutPath, tag, names.Count == 0 ? "no named image" : string.Join(", ", names.Select(n => $"'{n}'"))));
        }

        return named;
    }

    private static LayoutEntry ReadEntry(JsonElement element)
    {
        var descriptor = JsonDescriptor.Read(element);
        return new LayoutEntry(descriptor, descriptor.Annotations.TryGetValue(RefNameAnnotation, out var name) ? name : null);
    }
}
