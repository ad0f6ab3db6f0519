using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Layers;

/// <summary>
/// Writes a layer tar whose bytes depend on the entries alone: POSIX ustar headers with numeric
/// owners and empty owner names, one fixed mtime, no device numbers, and a PAX record only for
/// paths ustar cannot hold (its header name is fixed, never a process id).
/// </summary>
internal sealed class LayerTarWriter(Stream output, long mtime, IReadOnlyDictionary<string, Digest>? contentDigests = null)
{
    private const int BlockSize = 512;
    private const string PaxHeaderName = "PaxHeaders/path";

    private readonly byte[] _copyBuffer = new byte[128 * 1024];

    /// <summary>Writes the entries, already sorted and complete (see <see cref="LayerContent"/>), and the end marker.</summary>
    public void Write(IEnumerable<LayerEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteEntry(entry, cancellationToken);
        }

        output.Write(new byte[BlockSize * 2]);
    }

    private void WriteEntry(LayerEntry entry, CancellationToken cancellationToken)
    {
        var name = entry.Kind == LayerEntryKind.Directory ? entry.Path + "/" : entry.Path;
        if (!TrySplitName(name, out var prefix, out var shortName))
        {
            WritePaxPath(name);
            (prefix, shortName) = ("", Truncate(name, 100));
        }

        var typeFlag = entry.Kind switch
        {
            LayerEntryKind.Directory => (byte)'5',
            LayerEntryKind.Symlink => (byte)'2',
            _ => (byte)'0',
        };
        if (entry.Kind != LayerEntryKind.File)
        {
            WriteHeader(shortName, prefix, entry.Mode, entry.Uid, entry.Gid, 0, typeFlag, entry.LinkTarget ?? "");
            return;
        }

        // Size and content come from one open handle, so a link or a swapped file cannot make them disagree.
        using var content = entry.OpenContent();
        var size = content.Length;
        WriteHeader(shortName, prefix, entry.Mode, entry.Uid, entry.Gid, size, typeFlag, "");
        CopyExactly(content, size, entry, cancellationToken);
        Pad(size);
    }

    private void WritePaxPath(string name)
    {
        var record = PaxRecord("path", name);
        WriteHeader(PaxHeaderName, "", 0b110_100_100, 0, 0, record.Length, (byte)'x', "");
        output.Write(record);
        Pad(record.Length);
    }

    // A PAX record is "<length> key=value\n" where length counts its own digits.
    internal static byte[] PaxRecord(string key, string value)
    {
        var body = Encoding.UTF8.GetByteCount($" {key}={value}\n");
        var length = body + 1;
        while (length.ToString(CultureInfo.InvariantCulture).Length + body > length)
        {
            length++;
        }

        return Encoding.UTF8.GetBytes($"{length} {key}={value}\n");
    }

    private void WriteHeader(string name, string prefix, int mode, int uid, int gid, long size, byte typeFlag, string linkName)
    {
        if (Encoding.UTF8.GetByteCount(linkName) > 100)
        {
            throw new ArgumentException($"The link target '{linkName}' is longer than 100 bytes.", nameof(linkName));
        }

        var header = new byte[BlockSize];
        Ascii(header, 0, 100, name);
        Octal(header, 100, 8, mode);
        Octal(header, 108, 8, uid);
        Octal(header, 116, 8, gid);
        Octal(header, 124, 12, size);
        Octal(header, 136, 12, mtime);
        "        "u8.CopyTo(header.AsSpan(148)); // checksum is computed with this field as spaces
        header[156] = typeFlag;
        Ascii(header, 157, 100, linkName);
        "ustar\0"u8.CopyTo(header.AsSpan(257));
        "00"u8.CopyTo(header.AsSpan(263));
        Octal(header, 329, 8, 0);
        Octal(header, 337, 8, 0);
        Ascii(header, 345, 155, prefix);
        var checksum = header.Sum(b => (int)b);
        Encoding.ASCII.GetBytes(Convert.ToString(checksum, 8).PadLeft(6, '0')).CopyTo(header, 148);
        header[154] = 0;
        header[155] = (byte)' ';
        output.Write(header);
    }

    // Checks the bytes against the digest the cache key was made from, so a file edited between the two never lands under that key.
    private void CopyExactly(Stream content, long size, LayerEntry entry, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var remaining = size;
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = content.Read(_copyBuffer, 0, (int)Math.Min(_copyBuffer.Length, remaining));
            if (read == 0)
            {
                throw Changed(entry, $"it ended before its {size} bytes");
            }

            hash.AppendData(_copyBuffer, 0, read);
            output.Write(_copyBuffer, 0, read);
            remaining -= read;
        }

        if (content.Read(_copyBuffer, 0, 1) != 0)
        {
            throw Changed(entry, $"it grew past its {size} bytes");
        }

        if (contentDigests is not null && contentDigests.TryGetValue(entry.Path, out var expected) && Digest.FromHash(hash.GetCurrentHash()) != expected)
        {
            throw Changed(entry, "its content differs from when the layer's cache key was computed");
        }
    }

    private static GoImageException Changed(LayerEntry entry, string what) =>
        new(Diagnostic.ContainerFileChanged(entry.SourceName ?? entry.SourceFile ?? entry.Path, what));

    private void Pad(long size)
    {
        var padding = (int)((BlockSize - (size % BlockSize)) % BlockSize);
        if (padding > 0)
        {
            output.Write(new byte[padding]);
        }
    }

    // ustar holds names of up to 100 bytes, or a prefix of up to 155 bytes and a name of up to 100 split at a slash.
    private static bool TrySplitName(string name, out string prefix, out string shortName)
    {
        prefix = "";
        shortName = name;
        if (!name.All(char.IsAscii))
        {
            return false;
        }

        if (name.Length <= 100)
        {
            return true;
        }

        var trimmed = name.TrimEnd('/');
        for (var slash = trimmed.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = trimmed.IndexOf('/', slash + 1))
        {
            if (slash <= 155 && name.Length - slash - 1 <= 100)
            {
                prefix = name[..slash];
                shortName = name[(slash + 1)..];
                return true;
            }
        }

        return false;
    }

    private static string Truncate(string name, int bytes)
    {
        var ascii = new string(name.Select(c => char.IsAscii(c) ? c : '_').ToArray());
        return ascii.Length <= bytes ? ascii : ascii[..bytes];
    }

    private static void Ascii(byte[] header, int offset, int length, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        bytes.AsSpan(0, Math.Min(bytes.Length, length)).CopyTo(header.AsSpan(offset, length));
    }

    // Zero-padded octal with a terminating NUL, the form GNU tar and Go's archive/tar write.
    private static void Octal(byte[] header, int offset, int length, long value)
    {
        var digits = Convert.ToString(value, 8).PadLeft(length - 1, '0');
        if (digits.Length > length - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Too large for a ustar header field.");
        }

        Encoding.ASCII.GetBytes(digits).CopyTo(header, offset);
        header[offset + length - 1] = 0;
    }
}
