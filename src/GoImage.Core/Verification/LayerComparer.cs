using System.Formats.Tar;
using System.Globalization;
using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Verification;

/// <summary>
/// Walks two layers' tars side by side (decompressed: gzip or zstd) and finds the first entry whose header
/// fields or content differ: name, mode, uid, gid, uname, gname, mtime, size, typeflag, linkname, content digest.
/// </summary>
public static class LayerComparer
{
    /// <summary>The first differing entry; null when every entry matches (then only the compression differs).</summary>
    public static LayerEntryDifference? FirstDifference(Stream first, Stream second, string mediaType, CancellationToken cancellationToken)
    {
        // The caller owns both streams: the decompressors and tar readers leave them open.
        using var tarA = LayerArchive.OpenTar(first, mediaType);
        using var tarB = LayerArchive.OpenTar(second, mediaType);
        using var readerA = new TarReader(tarA, leaveOpen: true);
        using var readerB = new TarReader(tarB, leaveOpen: true);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var a = readerA.GetNextEntry();
            var b = readerB.GetNextEntry();
            if (a is null && b is null)
            {
                return null;
            }

            if (a is null || b is null)
            {
                var present = (a ?? b)!;
                return new LayerEntryDifference(present.Name, [new FieldDifference("entry", a is null ? "(absent: the tar ends here)" : "present", b is null ? "(absent: the tar ends here)" : "present")]);
            }

            var headerA = Header(a);
            var headerB = Header(b);
            var fields = headerA.Zip(headerB)
                .Where(pair => pair.First.Value != pair.Second.Value)
                .Select(pair => new FieldDifference(pair.First.Name, pair.First.Value, pair.Second.Value))
                .ToList();
            if (fields.Count > 0)
            {
                return new LayerEntryDifference(a.Name, fields);
            }
        }
    }

    /// <summary>Whether <paramref name="mediaType"/> is a layer whose files this comparer can read.</summary>
    public static bool CanRead(string mediaType) => LayerArchive.CanRead(mediaType);

    // The content digest is part of the header list so that one walk finds either kind of difference, in order.
    private static List<(string Name, string Value)> Header(TarEntry entry)
    {
        var posix = entry as PosixTarEntry;
        return
        [
            ("name", entry.Name),
            ("typeflag", entry.EntryType.ToString()),
            ("mode", Convert.ToString((int)entry.Mode, 8)),
            ("uid", entry.Uid.ToString(CultureInfo.InvariantCulture)),
            ("gid", entry.Gid.ToString(CultureInfo.InvariantCulture)),
            ("uname", posix?.UserName ?? ""),
            ("gname", posix?.GroupName ?? ""),
            ("mtime", entry.ModificationTime.ToUnixTimeMilliseconds() % 1000 == 0
                ? entry.ModificationTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
                : (entry.ModificationTime.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture)),
            ("size", entry.Length.ToString(CultureInfo.InvariantCulture)),
            ("linkname", entry.LinkName),
            ("content", entry.DataStream is { } data ? Digest.Of(data).ToString() : "(none)"),
        ];
    }
}
