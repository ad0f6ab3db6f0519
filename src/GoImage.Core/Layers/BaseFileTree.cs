using System.Formats.Tar;
using GoImage.Diagnostics;

namespace GoImage.Layers;

/// <summary>
/// The file tree a registry base's layers stack up to, as names only: each layer's tar is streamed once, bottom first,
/// its whiteouts (<c>.wh.name</c>, <c>.wh..wh..opq</c>) applied to the layers below it, and nothing is extracted.
/// Paths resolve as the kernel resolves them (every symlink followed, usrmerge's <c>/lib → usr/lib</c> included);
/// one file's bytes are read from its layer's stream when asked.
/// </summary>
public sealed class BaseFileTree
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    // The kernel's limit (MAXSYMLINKS) on symlinks followed in one path.
    private const int MaximumLinks = 40;

    private readonly IReadOnlyList<string> layerBlobs;
    private readonly Dictionary<string, Node> nodes;

    private BaseFileTree(IReadOnlyList<string> layerBlobs, Dictionary<string, Node> nodes)
    {
        this.layerBlobs = layerBlobs;
        this.nodes = nodes;
    }

    private enum Kind
    {
        File,
        Directory,
        Symlink,
        HardLink,
        Other,
    }

    /// <summary>How many paths the tree holds (files, folders, links).</summary>
    public int Count => nodes.Count;

    /// <param name="layerBlobs">The layer blobs, bottom first, as the manifest lists them.</param>
    public static BaseFileTree Read(IReadOnlyList<string> layerBlobs, CancellationToken cancellationToken)
    {
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        for (var layer = 0; layer < layerBlobs.Count; layer++)
        {
            var added = new List<(string Path, Node Node)>();
            var removed = new List<(string Path, bool OnlyBelow)>();
            Stream(layerBlobs[layer], entry =>
            {
                var path = LayerArchive.Normalize(entry.Name);
                var slash = path.LastIndexOf('/');
                var (folder, name) = slash < 0 ? ("", path) : (path[..slash], path[(slash + 1)..]);
                if (name == OpaqueMarker)
                {
                    removed.Add((folder, true));
                }
                else if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
                {
                    removed.Add(((folder.Length > 0 ? folder + "/" : "") + name[WhiteoutPrefix.Length..], false));
                }
                else if (path.Length > 0)
                {
                    added.Add((path, new Node(KindOf(entry.EntryType), entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink ? entry.LinkName : "", layer)));
                }

                return false;
            }, cancellationToken);

            // A layer's whiteouts hide the layers below it, never the layer's own entries.
            foreach (var (path, onlyBelow) in removed)
            {
                Remove(nodes, path, keepItself: onlyBelow);
            }

            foreach (var (path, node) in added)
            {
                if (node.Kind != Kind.Directory && nodes.TryGetValue(path, out var lower) && lower.Kind == Kind.Directory)
                {
                    Remove(nodes, path, keepItself: false); // a file over a folder hides what was in it
                }

                nodes[path] = node.Kind == Kind.HardLink ? node with { Link = LayerArchive.Normalize(node.Link) } : node;
            }
        }

        return new BaseFileTree(layerBlobs, nodes);
    }

    /// <summary>
    /// The regular file an absolute path names, every symlink on the way followed (absolute targets from the image's root,
    /// relative ones from the link's folder), as a path from the root; null when there is none or the links loop.
    /// </summary>
    public string? ResolveFile(string absolutePath)
    {
        var pending = new Stack<string>(Enumerable.Reverse(Components(absolutePath)));
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            if (component is "" or ".")
            {
                continue;
            }

            if (component == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = string.Join('/', resolved.Append(component));
            if (nodes.TryGetValue(candidate, out var node) && node.Kind == Kind.Symlink)
            {
                if (++links > MaximumLinks)
                {
                    return null;
                }

                foreach (var part in Enumerable.Reverse(Components(node.Link)))
                {
                    pending.Push(part);
                }

                if (node.Link.StartsWith('/'))
                {
                    resolved.Clear();
                }

                continue;
            }

            resolved.Add(component);
        }

        var path = string.Join('/', resolved);
        return nodes.TryGetValue(path, out var file) && file.Kind is Kind.File or Kind.HardLink ? path : null;
    }

    /// <summary>The bytes of a file <see cref="ResolveFile"/> returned, read from its layer's stream.</summary>
    public byte[] ReadFile(string path, long maximumSize, CancellationToken cancellationToken)
    {
        var node = nodes[path];
        var name = node.Kind == Kind.HardLink ? node.Link : path;
        byte[]? content = null;
        Stream(layerBlobs[node.Layer], entry =>
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile) || LayerArchive.Normalize(entry.Name) != name)
            {
                return false;
            }

            if (entry.Length > maximumSize)
            {
                throw new InvalidDataException($"/{path} is {entry.Length} bytes, more than the {maximumSize} the start check reads");
            }

            using var copy = new MemoryStream();
            entry.DataStream?.CopyTo(copy);
            content = copy.ToArray();
            return true;
        }, cancellationToken);
        return content ?? throw new GoImageException(Diagnostic.StartBaseLayerUnreadable(Path.GetFileName(layerBlobs[node.Layer]), $"/{name} is not in it, though its file list named it"));
    }

    // Every entry of one layer, in tar order, until visit returns true; a damaged tar is GOI2117.
    private static void Stream(string blobPath, Func<TarEntry, bool> visit, CancellationToken cancellationToken)
    {
        try
        {
            using var tar = LayerArchive.OpenTar(blobPath);
            using var reader = new TarReader(tar);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (visit(entry))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or IOException)
        {
            throw new GoImageException(Diagnostic.StartBaseLayerUnreadable(Path.GetFileName(blobPath), e.Message));
        }
    }

    private static void Remove(Dictionary<string, Node> nodes, string path, bool keepItself)
    {
        var below = path.Length == 0 ? "" : path + "/";
        foreach (var key in nodes.Keys.Where(k => k.StartsWith(below, StringComparison.Ordinal) || (!keepItself && k == path)).ToList())
        {
            nodes.Remove(key);
        }
    }

    private static string[] Components(string path) => path.Split('/');

    private static Kind KindOf(TarEntryType type) => type switch
    {
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => Kind.File,
        TarEntryType.Directory => Kind.Directory,
        TarEntryType.SymbolicLink => Kind.Symlink,
        TarEntryType.HardLink => Kind.HardLink,
        _ => Kind.Other,
    };

    private sealed record Node(Kind Kind, string Link, int Layer);
}
