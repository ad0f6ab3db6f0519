using System.Globalization;
using System.Text;
using GoImage.Images;

namespace GoImage.Layers;

/// <summary>
/// The complete, ordered entry list of one layer: every parent directory explicit (root-owned,
/// 0755, unless listed), paths sorted ordinally, no path twice. Its <see cref="CacheKey"/> names
/// the layer's bytes without writing them.
/// </summary>
public sealed class LayerContent
{
    // Bump when the tar or gzip writer changes a byte, so no cache serves the old bytes.
    private const string FormatVersion = "goimage-layer-1;gzip-sharpziplib-1.4.2-5;blocks-1048576-primed-32768";

    private LayerContent(string name, IReadOnlyList<LayerEntry> entries, long mtime)
    {
        Name = name;
        Entries = entries;
        Mtime = mtime;
    }

    /// <summary>What the layer is, for history and logs: <c>base</c>, <c>files</c>, <c>app linux/amd64</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<LayerEntry> Entries { get; }

    /// <summary>Seconds since the epoch, stamped on every entry (SOURCE_DATE_EPOCH).</summary>
    public long Mtime { get; }

    /// <summary>Each file entry's content digest as <see cref="CacheKey"/> read it; the writer checks the bytes it writes against them.</summary>
    internal Dictionary<string, Digest> ContentDigests { get; } = new(StringComparer.Ordinal);

    public static LayerContent Create(string name, IEnumerable<LayerEntry> entries, long mtime)
    {
        var byPath = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!byPath.TryAdd(entry.Path, entry))
            {
                throw new ArgumentException($"'/{entry.Path}' appears twice in the {name} layer.", nameof(entries));
            }
        }

        foreach (var path in byPath.Keys.ToList())
        {
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                var parent = path[..slash];
                if (byPath.TryGetValue(parent, out var existing))
                {
                    if (existing.Kind != LayerEntryKind.Directory)
                    {
                        throw new ArgumentException($"'/{parent}' is a file in the {name} layer, so '/{path}' cannot be inside it.", nameof(entries));
                    }

                    break;
                }

                byPath.Add(parent, LayerEntry.Directory(parent));
            }
        }

        var sorted = byPath.Values.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        return new LayerContent(name, sorted, mtime);
    }

    /// <summary>
    /// A digest over everything that decides the layer's bytes: format version, mtime and, per entry,
    /// kind, path, mode, owner, link target and the sha256 of its content. Equal keys mean equal layers.
    /// </summary>
    public string CacheKey(CancellationToken cancellationToken)
    {
        ContentDigests.Clear();
        var text = new StringBuilder().Append(FormatVersion).Append('\n').Append(Mtime.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var entry in Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            text.Append(CultureInfo.InvariantCulture, $"{entry.Kind}\t{entry.Path}\t{entry.Mode}\t{entry.Uid}\t{entry.Gid}\t{entry.LinkTarget}");
            if (entry.Kind == LayerEntryKind.File)
            {
                using var content = entry.OpenContent();
                var digest = Digest.Of(content, cancellationToken);
                ContentDigests[entry.Path] = digest;
                text.Append('\t').Append(digest.Hex);
            }

            text.Append('\n');
        }

        return Digest.Of(Encoding.UTF8.GetBytes(text.ToString())).Hex;
    }
}
