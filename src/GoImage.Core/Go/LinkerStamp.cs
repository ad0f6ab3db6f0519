using System.Buffers;
using System.Text;

namespace GoImage.Go;

/// <summary>
/// Whether a <c>-X name=value</c> reached a built binary. The Go linker ignores -X for a variable the program does not have,
/// without a word; a stamped string variable leaves its value's bytes in the binary's read-only data.
/// </summary>
public static class LinkerStamp
{
    /// <summary>Bytes read at a time; a pooled buffer, so checking a binary never allocates its size (a large-heap
    /// array per binary cost a full collection of MSBuild's heap: 50–65 ms of a two-platform rebuild).</summary>
    internal const int WindowSize = 1 << 20;

    /// <summary>
    /// True when <paramref name="value"/> is in the binary other than right after <c>name=</c>: without -trimpath Go records
    /// the -ldflags text itself in the build information, which holds the value whether or not it was stamped.
    /// </summary>
    public static bool IsIn(string binaryPath, string variable, string value) => IsIn(binaryPath, variable, value, WindowSize);

    internal static bool IsIn(string binaryPath, string variable, string value, int windowSize)
    {
        if (value.Length == 0)
        {
            // An empty string leaves nothing to find; nothing to warn about.
            return true;
        }

        var needle = Encoding.UTF8.GetBytes(value);
        var flag = Encoding.UTF8.GetBytes(variable + "=");

        // Windows overlap: each keeps, from the one before, every match that did not fit in it with the flag's length of
        // bytes before that match, so a match is judged exactly once, whole, with what precedes it in view.
        var carry = flag.Length + needle.Length - 1;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(windowSize, 2 * carry));
        try
        {
            using var file = new FileStream(binaryPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            long windowStart = 0; // the file offset of buffer[0]
            long unjudged = 0;    // matches starting at this file offset or later are not judged yet
            var filled = 0;
            while (true)
            {
                var read = file.Read(buffer, filled, buffer.Length - filled);
                var end = filled + read;
                if (HasStamp(buffer.AsSpan(0, end), (int)(unjudged - windowStart), windowStart, needle, flag))
                {
                    return true;
                }

                if (read == 0)
                {
                    return false;
                }

                unjudged = Math.Max(unjudged, windowStart + end - needle.Length + 1);
                var keepFrom = (int)Math.Max(0, unjudged - windowStart - flag.Length);
                buffer.AsSpan(keepFrom, end - keepFrom).CopyTo(buffer);
                filled = end - keepFrom;
                windowStart += keepFrom;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // A match starting at index from or later that does not follow the flag; windowStart says whether bytes precede the window.
    private static bool HasStamp(ReadOnlySpan<byte> window, int from, long windowStart, byte[] needle, byte[] flag)
    {
        for (; from < window.Length && window[from..].IndexOf(needle) is var at && at >= 0; from += at + 1)
        {
            var start = from + at;
            var afterFlag = windowStart + start >= flag.Length && window.Slice(start - flag.Length, flag.Length).SequenceEqual(flag);
            if (!afterFlag)
            {
                return true;
            }
        }

        return false;
    }
}
