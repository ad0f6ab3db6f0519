using System.Globalization;
using System.Text;
using GoImage.Diagnostics;
using GoImage.Go;
using GoImage.Images;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks;

/// <summary>
/// How the SDK's own items carry values: written literally (MSBuild would otherwise read '%3B', ';' or '$(' in a path or
/// label as its own syntax) and read back with a coded error for a value that is not what the writing task put there.
/// The item converters (GoBinaryItems, LayerItems, BaseImageItems) are its only users.
/// </summary>
internal static class ItemMetadata
{
    public const string Platform = "Platform";

    // The characters MSBuild unescapes in item specs and metadata (%XX) or reads as its syntax.
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("%*?@$();'");

    /// <summary>An item whose spec and metadata values are taken as they are, whatever characters they hold.</summary>
    public static TaskItem Literal(string itemSpec, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var item = new TaskItem(Escape(itemSpec));
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, Escape(value));
        }

        return item;
    }

    /// <summary>The item's Platform metadata as Go names it; an invalid one is GOI1004 in <paramref name="diagnostics"/> and null.</summary>
    public static GoPlatform? ReadPlatform(ITaskItem item, List<Diagnostic> diagnostics)
    {
        var text = item.GetMetadata(Platform);
        if (GoPlatform.TryParse(text, out var platform, out var reason))
        {
            return platform;
        }

        diagnostics.Add(Diagnostic.InvalidPlatform(text, reason));
        return null;
    }

    /// <summary>The digest in <paramref name="name"/>; else GOI2050 naming the task whose item it should be.</summary>
    public static Digest? ReadDigest(ITaskItem item, string name, string itemName, string producer, List<Diagnostic> diagnostics)
    {
        var text = item.GetMetadata(name);
        if (Digest.TryParse(text, out var digest))
        {
            return digest;
        }

        diagnostics.Add(Invalid(item, itemName, name, text, "a sha256 digest", producer));
        return null;
    }

    /// <summary>The byte count in <paramref name="name"/>; else GOI2050.</summary>
    public static long? ReadSize(ITaskItem item, string name, string itemName, string producer, List<Diagnostic> diagnostics)
    {
        var text = item.GetMetadata(name);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return size;
        }

        diagnostics.Add(Invalid(item, itemName, name, text, "a size in bytes", producer));
        return null;
    }

    /// <summary>GOI2050: an item of the SDK's whose metadata is not what its task wrote.</summary>
    public static Diagnostic Invalid(ITaskItem item, string itemName, string metadata, string value, string expected, string producer) =>
        Diagnostic.InvalidItemMetadata(itemName, item.ItemSpec, metadata, value, expected, producer);

    private static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny(Special) < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(Special.Contains(c) ? string.Create(CultureInfo.InvariantCulture, $"%{(int)c:x2}") : c.ToString());
        }

        return escaped.ToString();
    }
}
