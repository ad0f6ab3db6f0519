using System.Buffers;
using System.Text;
using GoImage.Diagnostics;

namespace GoImage.Sbom;

/// <summary>
/// Reads the build information the go command (1.18 and newer) embeds in a binary, without running Go:
/// a 32-byte header starting with <c>\xff Go buildinf:</c>, then the Go version and the module
/// information as length-prefixed strings. The format is the one Go's debug/buildinfo reads.
/// </summary>
public static class GoBuildInfoReader
{
    private static readonly byte[] Magic = [0xff, .. " Go buildinf:"u8.ToArray()];

    private const int HeaderSize = 32;

    // Flag bit 1: version and module information follow the header inline (Go 1.18+), instead of as pointers.
    private const byte InlineStrings = 0x2;

    // The module text is wrapped in 16-byte sentinels so the linker can find it.
    private const int SentinelLength = 16;

    /// <summary>Bytes scanned at a time for the header, from a pooled buffer: a binary is never held whole, as a
    /// large-heap array per binary costs MSBuild's node a full collection.</summary>
    internal const int WindowSize = 1 << 20;

    // What is read after the header at first; a module list longer than this (hundreds of dependencies) is read again, longer.
    private const int InfoSize = 64 * 1024;

    /// <summary>Reads the build information of the binary at <paramref name="path"/>: finds the header in pooled windows,
    /// then reads only what follows it. <paramref name="name"/> is for messages.</summary>
    public static GoBuildInfo Read(string path, string name) => Read(path, name, WindowSize);

    internal static GoBuildInfo Read(string path, string name, int windowSize)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var start = Find(file, windowSize);
        if (start < 0)
        {
            throw new GoImageException(Diagnostic.GoBuildInfoMissing(name));
        }

        var rest = file.Length - start;
        for (var size = (int)Math.Min(InfoSize, rest); ; size = (int)Math.Min(8L * size, rest))
        {
            var info = new byte[size];
            file.Position = start;
            file.ReadExactly(info);
            try
            {
                return Parse(info, name);
            }
            catch (GoImageException e) when (e.Diagnostic.Code == Diagnostic.GoBuildInfoTruncated(name).Code && size < rest)
            {
                // The strings run past what was read: read more.
            }
        }
    }

    /// <summary>Parses the build information out of a binary's bytes; <paramref name="name"/> is for messages.</summary>
    public static GoBuildInfo Parse(ReadOnlySpan<byte> binary, string name)
    {
        var start = Find(binary);
        if (start < 0)
        {
            throw new GoImageException(Diagnostic.GoBuildInfoMissing(name));
        }

        var header = binary[start..];
        if (header.Length < HeaderSize)
        {
            throw new GoImageException(Diagnostic.GoBuildInfoTruncated(name));
        }

        if ((header[15] & InlineStrings) == 0)
        {
            throw new GoImageException(Diagnostic.GoBuildInfoTooOld(name));
        }

        var rest = header[HeaderSize..];
        if (!TryReadString(ref rest, out var version) || !TryReadString(ref rest, out var modules))
        {
            throw new GoImageException(Diagnostic.GoBuildInfoTruncated(name));
        }

        if (modules.Length >= 2 * SentinelLength + 1 && modules[^(SentinelLength + 1)] == '\n')
        {
            modules = modules[SentinelLength..^SentinelLength];
        }

        return ParseModules(version, modules, name);
    }

    /// <summary>Parses the text <c>go version -m</c> shows: tab-separated path, mod, dep, =&gt; and build lines.</summary>
    internal static GoBuildInfo ParseModules(string goVersion, string text, string name)
    {
        var mainPackage = "";
        GoModule? main = null;
        var dependencies = new List<GoModule>();
        var settings = new List<KeyValuePair<string, string>>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "path" when fields.Length >= 2:
                    mainPackage = fields[1];
                    break;
                case "mod" when fields.Length >= 3:
                    main = Module(fields);
                    break;
                case "dep" when fields.Length >= 3:
                    dependencies.Add(Module(fields));
                    break;
                case "=>" when fields.Length >= 3:
                    // A replacement belongs to the module line just above it.
                    if (dependencies.Count > 0)
                    {
                        dependencies[^1] = dependencies[^1] with { Replacement = Module(fields) };
                    }
                    else if (main is not null)
                    {
                        main = main with { Replacement = Module(fields) };
                    }

                    break;
                case "build" when fields.Length >= 2:
                    settings.Add(Setting(string.Join('\t', fields[1..]), name));
                    break;
            }
        }

        return new GoBuildInfo(goVersion, mainPackage, main, dependencies, settings);
    }

    private static GoModule Module(string[] fields) => new(fields[1], fields[2], fields.Length > 3 ? fields[3] : "");

    // key=value, where either side is a Go quoted string when it holds spaces, tabs, quotes or '='.
    private static KeyValuePair<string, string> Setting(string text, string name)
    {
        string key;
        int rest;
        if (text.StartsWith('"'))
        {
            var end = GoQuotedString.End(text, 0);
            key = GoQuotedString.Unquote(text[..end], name);
            rest = end;
        }
        else
        {
            rest = text.IndexOf('=', StringComparison.Ordinal);
            if (rest < 0)
            {
                return new(text, "");
            }

            key = text[..rest];
        }

        var value = rest < text.Length && text[rest] == '=' ? text[(rest + 1)..] : "";
        return new(key, value.StartsWith('"') ? GoQuotedString.Unquote(value, name) : value);
    }

    // Find over a file in overlapping windows; returns the header's file offset or -1. Windows start at multiples of 16
    // (the overlap is a multiple of 16), so an offset aligned in a window is aligned in the file.
    private static long Find(FileStream file, int windowSize)
    {
        var overlap = (Magic.Length + 15) / 16 * 16;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(windowSize, 2 * overlap) / 16 * 16);
        try
        {
            var window = buffer.Length / 16 * 16;
            long windowStart = 0;
            var filled = 0;
            while (true)
            {
                var read = file.Read(buffer, filled, window - filled);
                var end = filled + read;
                if (Find(buffer.AsSpan(0, end)) is var found && found >= 0)
                {
                    return windowStart + found;
                }

                if (read == 0)
                {
                    return -1;
                }

                if (end < window)
                {
                    filled = end; // a short read: fill the window before moving it
                    continue;
                }

                buffer.AsSpan(end - overlap, overlap).CopyTo(buffer);
                windowStart += end - overlap;
                filled = overlap;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The header sits at a 16-byte aligned offset in the data section; search aligned first, as Go does.
    private static int Find(ReadOnlySpan<byte> binary)
    {
        for (var offset = 0; ;)
        {
            var found = binary[offset..].IndexOf(Magic);
            if (found < 0)
            {
                return -1;
            }

            offset += found;
            if (offset % 16 == 0)
            {
                return offset;
            }

            offset++;
        }
    }

    private static bool TryReadString(ref ReadOnlySpan<byte> data, out string value)
    {
        value = "";
        ulong length = 0;
        var shift = 0;
        var used = 0;
        while (true)
        {
            if (used >= data.Length || shift > 63)
            {
                return false;
            }

            var b = data[used++];
            length |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
        }

        if (length > (ulong)(data.Length - used))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(data.Slice(used, (int)length));
        data = data[(used + (int)length)..];
        return true;
    }
}
