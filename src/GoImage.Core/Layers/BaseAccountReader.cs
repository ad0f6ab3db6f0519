using System.Formats.Tar;
using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Layers;

/// <summary>
/// Reads /etc/passwd and /etc/group out of a registry base's layer blobs, streaming each tar
/// (gzip or plain) without extracting anything. Layers are read top first, as a runtime stacks them:
/// the first layer that holds a file, or removes it with a whiteout (<c>etc/.wh.passwd</c>, the
/// opaque marker <c>etc/.wh..wh..opq</c>, or <c>.wh.etc</c>), decides it.
/// </summary>
public static class BaseAccountReader
{
    private const string PasswdPath = "etc/passwd";
    private const string GroupPath = "etc/group";
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    // Account files are small; a larger one is not an account file worth reading into memory.
    private const long MaximumSize = 16 * 1024 * 1024;

    /// <summary>The account files of a registry base; every platform must have the same ones, or a name would mean different ids.</summary>
    public static AccountFiles Read(BaseImage image, CancellationToken cancellationToken)
    {
        var source = image.Reference.ToString();
        AccountFiles? first = null;
        string firstPlatform = "";
        foreach (var group in image.Platforms.GroupBy(p => string.Join(',', p.Layers.Select(l => l.Digest))))
        {
            var platform = group.First();
            var files = Read(platform.Layers.Select(l => l.BlobPath).ToList(), source, cancellationToken);
            if (first is null)
            {
                (first, firstPlatform) = (files, platform.Platform.ToString());
            }
            else if (!first.SameContent(files))
            {
                throw new GoImageException(Diagnostic.BaseAccountsDiffer(source, firstPlatform, platform.Platform.ToString()));
            }
        }

        return first ?? new AccountFiles(null, null, source);
    }

    /// <param name="layerBlobs">The layer blobs, bottom first, as the manifest lists them.</param>
    /// <param name="source">What the base is called in messages, e.g. its pinned reference.</param>
    public static AccountFiles Read(IReadOnlyList<string> layerBlobs, string source, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        for (var i = layerBlobs.Count - 1; i >= 0 && found.Count < 2; i--)
        {
            var layer = ReadLayer(layerBlobs[i], cancellationToken);
            foreach (var path in new[] { PasswdPath, GroupPath }.Where(p => !found.ContainsKey(p)))
            {
                if (layer.Files.TryGetValue(path, out var content))
                {
                    found[path] = content;
                }
                else if (layer.Removed.Contains(path) || layer.Removed.Contains("etc") || layer.Removed.Contains(""))
                {
                    found[path] = null;
                }
            }
        }

        return new AccountFiles(found.GetValueOrDefault(PasswdPath), found.GetValueOrDefault(GroupPath), source);
    }

    private static (Dictionary<string, byte[]> Files, HashSet<string> Removed) ReadLayer(string blobPath, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var hardLinks = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using (var tar = LayerArchive.OpenTar(blobPath))
            using (var reader = new TarReader(tar))
            {
                while (reader.GetNextEntry(copyData: false) is { } entry)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var path = LayerArchive.Normalize(entry.Name);
                    var slash = path.LastIndexOf('/');
                    var (folder, name) = slash < 0 ? ("", path) : (path[..slash], path[(slash + 1)..]);
                    if (name == OpaqueMarker)
                    {
                        removed.Add(folder); // everything below the folder in lower layers
                    }
                    else if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
                    {
                        removed.Add((folder.Length > 0 ? folder + "/" : "") + name[WhiteoutPrefix.Length..]);
                    }
                    else if (path is PasswdPath or GroupPath)
                    {
                        if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile)
                        {
                            files[path] = Content(entry, path);
                        }
                        else if (entry.EntryType == TarEntryType.HardLink)
                        {
                            hardLinks[path] = LayerArchive.Normalize(entry.LinkName);
                        }
                    }
                }
            }

            if (hardLinks.Count > 0)
            {
                ReadHardLinkTargets(blobPath, hardLinks, files, cancellationToken);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new GoImageException(Diagnostic.BaseAccountsUnreadable(Path.GetFileName(blobPath), e.Message));
        }

        return (files, removed);
    }

    // A hard link's content is its target's, which came earlier in the same tar: read the tar once more for it.
    private static void ReadHardLinkTargets(string blobPath, Dictionary<string, string> hardLinks, Dictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        using var tar = LayerArchive.OpenTar(blobPath);
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = LayerArchive.Normalize(entry.Name);
            foreach (var link in hardLinks.Where(l => l.Value == path && entry.DataStream is not null).Select(l => l.Key).ToList())
            {
                files[link] = Content(entry, path);
            }
        }
    }

    private static byte[] Content(TarEntry entry, string path)
    {
        if (entry.Length > MaximumSize)
        {
            throw new InvalidDataException($"/{path} is {entry.Length} bytes, too large for an account file");
        }

        using var copy = new MemoryStream();
        entry.DataStream?.CopyTo(copy);
        return copy.ToArray();
    }
}
