using System.Globalization;
using System.Text;
using GoImage.Images;

namespace GoImage.Layers;

/// <summary>
/// The complete, ordered entry list of one layer: every parent directory explicit (root-owned,
/// 0755, unless listed), paths sorted ordinally, no path twice. Its <see cref="CacheKey"/> names
/// the layer's bytes without writing them. An <see cref="Embedded"/> layer is named by what made it
/// and makes its entries only when it is written.
/// </summary>
public sealed class LayerContent
{
    // Bump when the tar writer changes a byte, so no cache serves the old bytes (the compressor's part is LayerCompression.Format).
    private const string FormatVersion = "goimage-layer-1";

    private readonly Lazy<IReadOnlyList<LayerEntry>> _entries;

    // For an embedded layer: what decides every entry, so the key need not read them.
    private readonly string? _identity;

    private LayerContent(string name, Lazy<IReadOnlyList<LayerEntry>> entries, long mtime, string? identity)
    {
        Name = name;
        _entries = entries;
        Mtime = mtime;
        _identity = identity;
    }

    /// <summary>What the layer is, for history and logs: <c>base</c>, <c>files</c>, <c>app linux/amd64</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<LayerEntry> Entries => _entries.Value;

    /// <summary>Seconds since the epoch, stamped on every entry (SOURCE_DATE_EPOCH).</summary>
    public long Mtime { get; }

    /// <summary>Each file entry's content digest as <see cref="CacheKey"/> read it; the writer checks the bytes it writes against them.</summary>
    internal Dictionary<string, Digest> ContentDigests { get; } = new(StringComparer.Ordinal);

    public static LayerContent Create(string name, IEnumerable<LayerEntry> entries, long mtime)
    {
        var complete = Complete(name, entries);
        return new LayerContent(name, new Lazy<IReadOnlyList<LayerEntry>>(complete), mtime, null);
    }

    /// <summary>
    /// A layer whose entries are a pure function of <paramref name="identity"/> (data and code of this assembly, say):
    /// its key is made from the identity alone and <paramref name="entries"/> runs only when the layer is written, so
    /// a cached layer costs neither making nor hashing its files.
    /// </summary>
    public static LayerContent Embedded(string name, string identity, Func<IEnumerable<LayerEntry>> entries, long mtime) =>
        new(name, new Lazy<IReadOnlyList<LayerEntry>>(() => Complete(name, entries())), mtime, identity);

    private static List<LayerEntry> Complete(string name, IEnumerable<LayerEntry> entries)
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

        return byPath.Values.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A digest over everything that decides the layer's bytes: the tar and compression formats, mtime and,
    /// per entry, kind, path, mode, owner, link target and the sha256 of its content (for an embedded layer,
    /// its identity instead of the entries). Equal keys mean equal layers.
    /// </summary>
    public string CacheKey(LayerCompression compression, CancellationToken cancellationToken)
    {
        ContentDigests.Clear();
        var text = new StringBuilder().Append(FormatVersion).Append(';').Append(compression.Format).Append('\n')
            .Append(Mtime.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (_identity is not null)
        {
            return Digest.Of(Encoding.UTF8.GetBytes(text.Append("embedded\t").Append(_identity).Append('\n').ToString())).Hex;
        }

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
