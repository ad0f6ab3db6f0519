using System.Globalization;
using GoImage.Diagnostics;
using GoImage.Images;
using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>
/// Layer items (ImageLayer's ContainerLayer, ImageBase's ContainerBaseImageLayer) ⇄ the core's <see cref="Layer"/> and the
/// platform it belongs to (null: shared by every platform). The item is the blob on disk; its metadata says the rest.
/// </summary>
internal static class LayerItems
{
    private const string DigestName = "Digest";
    private const string DiffIdName = "DiffId";
    private const string SizeName = "Size";
    private const string LayerNameName = "LayerName";
    private const string MediaTypeName = "MediaType";

    /// <summary>The layer as an item, with Digest, DiffId, Size, MediaType, LayerName and Platform (empty when shared) metadata, and any <paramref name="extra"/>.</summary>
    public static ITaskItem ToItem(Layer layer, ImagePlatform? platform, params KeyValuePair<string, string>[] extra) =>
        ItemMetadata.Literal(layer.BlobPath, new Dictionary<string, string>
        {
            [DigestName] = layer.Digest.ToString(),
            [DiffIdName] = layer.DiffId.ToString(),
            [SizeName] = layer.Size.ToString(CultureInfo.InvariantCulture),
            [MediaTypeName] = layer.MediaType,
            [LayerNameName] = layer.Name,
            [ItemMetadata.Platform] = platform?.ToString() ?? "",
        }.Concat(extra));

    /// <summary>
    /// Every item as a layer, in order; one with metadata its task did not write is left out, with GOI2050 (or GOI1004 for
    /// its Platform) in <paramref name="diagnostics"/>. <paramref name="itemName"/> and <paramref name="producer"/> name them in that message.
    /// </summary>
    public static List<(ImagePlatform? Platform, Layer Layer)> Read(IEnumerable<ITaskItem> items, string itemName, string producer, List<Diagnostic> diagnostics) =>
        items.Select(i => Read(i, itemName, producer, diagnostics)).OfType<(ImagePlatform?, Layer)>().ToList();

    /// <summary>One item as a layer, or null with its errors in <paramref name="diagnostics"/>.</summary>
    public static (ImagePlatform? Platform, Layer Layer)? Read(ITaskItem item, string itemName, string producer, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var digest = ItemMetadata.ReadDigest(item, DigestName, itemName, producer, diagnostics);
        var diffId = ItemMetadata.ReadDigest(item, DiffIdName, itemName, producer, diagnostics);
        var size = ItemMetadata.ReadSize(item, SizeName, itemName, producer, diagnostics);
        var platform = item.GetMetadata(ItemMetadata.Platform).Length == 0 ? null : ItemMetadata.ReadPlatform(item, diagnostics)?.ToImagePlatform();
        if (diagnostics.Count > before)
        {
            return null;
        }

        // A layer item a target made by hand, without MediaType, is taken as gzip: what ImageLayer writes.
        var mediaType = item.GetMetadata(MediaTypeName);
        var layer = new Layer(item.GetMetadata(LayerNameName), item.GetMetadata("FullPath"), digest!.Value, size!.Value, diffId!.Value)
        {
            MediaType = mediaType.Length > 0 ? mediaType : MediaTypes.LayerGzip,
        };
        return (platform, layer);
    }
}
