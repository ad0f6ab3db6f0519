using System.Text.Json;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layouts;

namespace GoImage.Inspection;

/// <summary>
/// Reads an OCI layout's <c>index.json</c> and picks the image a command means: the one named by a tag,
/// else the first entry that is not a referrers index.
/// </summary>
public static class LayoutIndex
{
    /// <summary>Whether <paramref name="path"/> looks like a layout: a folder with <c>index.json</c>.</summary>
    public static bool IsLayout(string path) => File.Exists(Path.Combine(path, "index.json"));

    public static IReadOnlyList<LayoutEntry> Read(string layoutPath)
    {
        var indexPath = Path.Combine(layoutPath, "index.json");
        if (!File.Exists(indexPath))
        {
            throw new GoImageException(Diagnostic.LayoutUnreadable(layoutPath));
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            return ReadIndex(document.RootElement, "index.json").Manifests
                .Select(d => new LayoutEntry(d, d.Annotations.TryGetValue(OciLayoutWriter.RefNameAnnotation, out var name) ? name : null))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new GoImageException(Diagnostic.LayoutIndexInvalid(layoutPath, e.Message));
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
                ?? throw new GoImageException(Diagnostic.LayoutIndexEmpty(layoutPath));
        }

        var named = images.FirstOrDefault(e => e.RefName == tag)
            ?? images.FirstOrDefault(e => e.RefName is { } name && name.EndsWith(":" + tag, StringComparison.Ordinal));
        if (named is null)
        {
            var names = images.Select(e => e.RefName).OfType<string>().ToList();
            throw new GoImageException(Diagnostic.LayoutTagNotFound(layoutPath, tag, names.Count == 0 ? "no named image" : string.Join(", ", names.Select(n => $"'{n}'"))));
        }

        return named;
    }

    /// <summary>An image index (index.json, a referrers index), which must have a <c>manifests</c> list.</summary>
    internal static ManifestDocument ReadIndex(JsonElement root, string what) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array
            ? ManifestDocument.Read(root, MediaTypes.ImageIndex)
            : throw new FormatException($"{what} has no manifests list");
}
