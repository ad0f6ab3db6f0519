using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layouts;

namespace GoImage.Verification;

/// <summary>
/// Compares the images of two OCI layouts blob by blob: index → each platform's manifest (index order) →
/// config → layers in order. It reports the first platform that differs: its manifest (when only the
/// manifest's own fields differ), its config (the differing JSON properties) and its first differing layer
/// (the first file whose header or content differs).
/// </summary>
public static class ImageComparer
{
    public static ImageComparison Compare(string firstLayout, string secondLayout, CancellationToken cancellationToken)
    {
        var first = OciLayout.Open(firstLayout);
        var second = OciLayout.Open(secondLayout);
        var a = first.Select(null).Descriptor;
        var b = second.Select(null).Descriptor;
        if (a.Digest == b.Digest)
        {
            return new ImageComparison(a.Digest, b.Digest, []);
        }

        var rootA = Read(first, a);
        var rootB = Read(second, b);
        var indexA = Parse(first, a, rootA);
        var indexB = Parse(second, b, rootB);
        var differences = new List<BlobDifference>();
        if (!indexA.IsIndex || !indexB.IsIndex)
        {
            // Single-manifest images: the root is the one platform's manifest.
            differences.AddRange(ComparePlatform(first, second, null, (a, rootA, indexA), (b, rootB, indexB), cancellationToken));
            return new ImageComparison(a.Digest, b.Digest, differences);
        }

        var platformsA = indexA.Manifests.Select(Platform).ToList();
        var platformsB = indexB.Manifests.Select(Platform).ToList();
        if (!platformsA.SequenceEqual(platformsB, StringComparer.Ordinal))
        {
            differences.Add(new BlobDifference(BlobRole.Index, null, a.Digest, b.Digest)
            {
                Properties = [new FieldDifference("platforms", string.Join(", ", platformsA), string.Join(", ", platformsB))],
            });
            return new ImageComparison(a.Digest, b.Digest, differences);
        }

        for (var i = 0; i < indexA.Manifests.Count; i++)
        {
            var manifestA = indexA.Manifests[i];
            var manifestB = indexB.Manifests[i];
            if (manifestA.Digest != manifestB.Digest)
            {
                differences.AddRange(ComparePlatform(first, second, platformsA[i], Load(first, manifestA), Load(second, manifestB), cancellationToken));
                return new ImageComparison(a.Digest, b.Digest, differences);
            }
        }

        // Every manifest is the same: the index's own fields (annotations) differ.
        differences.Add(new BlobDifference(BlobRole.Index, null, a.Digest, b.Digest) { Properties = JsonDifferences.Between(rootA, rootB) });
        return new ImageComparison(a.Digest, b.Digest, differences);
    }

    private static List<BlobDifference> ComparePlatform(
        OciLayout first,
        OciLayout second,
        string? platform,
        (Descriptor Descriptor, byte[] Bytes, ManifestDocument Document) loadedA,
        (Descriptor Descriptor, byte[] Bytes, ManifestDocument Document) loadedB,
        CancellationToken cancellationToken)
    {
        var (a, bytesA, manifestA) = loadedA;
        var (b, bytesB, manifestB) = loadedB;
        var differences = new List<BlobDifference>();
        if (manifestA.Config is null || manifestB.Config is null)
        {
            throw new GoImageException(Diagnostic.ImageBlobInvalid("manifest", manifestA.Config is null ? a.Digest : b.Digest, manifestA.Config is null ? first.ShownAs : second.ShownAs, "it has no config"));
        }

        var layersDiffer = manifestA.Layers.Count != manifestB.Layers.Count
            || manifestA.Layers.Zip(manifestB.Layers).Any(pair => pair.First.Digest != pair.Second.Digest);
        if (manifestA.Config.Digest == manifestB.Config.Digest && !layersDiffer)
        {
            differences.Add(new BlobDifference(BlobRole.Manifest, platform, a.Digest, b.Digest) { Properties = JsonDifferences.Between(bytesA, bytesB) });
            return differences;
        }

        if (manifestA.Config.Digest != manifestB.Config.Digest)
        {
            differences.Add(new BlobDifference(BlobRole.Config, platform, manifestA.Config.Digest, manifestB.Config.Digest)
            {
                Properties = JsonDifferences.Between(Read(first, manifestA.Config), Read(second, manifestB.Config)),
            });
        }

        if (manifestA.Layers.Count != manifestB.Layers.Count)
        {
            differences.Add(new BlobDifference(BlobRole.Manifest, platform, a.Digest, b.Digest)
            {
                Properties = [new FieldDifference("layers.length", manifestA.Layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), manifestB.Layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            });
        }

        for (var i = 0; i < Math.Min(manifestA.Layers.Count, manifestB.Layers.Count); i++)
        {
            var layerA = manifestA.Layers[i];
            var layerB = manifestB.Layers[i];
            if (layerA.Digest != layerB.Digest)
            {
                differences.Add(CompareLayer(first, second, platform, i, manifestA.Layers.Count, layerA, layerB, cancellationToken));
                break;
            }
        }

        return differences;
    }

    private static BlobDifference CompareLayer(
        OciLayout first, OciLayout second, string? platform, int index, int count, Descriptor a, Descriptor b, CancellationToken cancellationToken)
    {
        var difference = new BlobDifference(BlobRole.Layer, platform, a.Digest, b.Digest) { LayerNumber = index + 1, LayerCount = count };
        if (a.MediaType != b.MediaType)
        {
            return difference with { Note = $"media type {a.MediaType} ≠ {b.MediaType}" };
        }

        if (!LayerComparer.CanRead(a.MediaType))
        {
            return difference with { Note = $"its files were not compared: {a.MediaType} is not a tar, gzip or zstd layer" };
        }

        using var streamA = first.OpenBlob(a, "layer");
        using var streamB = second.OpenBlob(b, "layer");
        var entry = LayerComparer.FirstDifference(streamA, streamB, a.MediaType, cancellationToken);
        return entry is null
            ? difference with { Note = "every file is the same; only the compressed bytes differ (compressor, settings or library)" }
            : difference with { Entry = entry };
    }

    private static byte[] Read(OciLayout source, Descriptor blob) => source.ReadBlob(blob);

    // A manifest's descriptor, exact bytes and parsed form, read once for every comparison that needs them.
    private static (Descriptor, byte[], ManifestDocument) Load(OciLayout source, Descriptor blob)
    {
        var bytes = Read(source, blob);
        return (blob, bytes, Parse(source, blob, bytes));
    }

    private static ManifestDocument Parse(OciLayout source, Descriptor blob, byte[] bytes) =>
        source.ParseManifest(blob.Digest, bytes, blob.MediaType);

    private static string Platform(Descriptor manifest) => manifest.Platform?.ToString() ?? "(no platform)";
}
