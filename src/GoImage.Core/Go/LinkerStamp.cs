using System.Text;

namespace GoImage.Go;

/// <summary>
/// Whether a <c>-X name=value</c> reached a built binary. The Go linker ignores -X for a variable the program does not have,
/// without a word; a stamped string variable leaves its value's bytes in the binary's read-only data.
/// </summary>
public static class LinkerStamp
{
    /// <summary>
    /// True when <paramref name="value"/> is in the binary other than right after <c>name=</c>: without -trimpath Go records
    /// the -ldflags text itself in the build information, which holds the value whether or not it was stamped.
    /// </summary>
    public static bool IsIn(string binaryPath, string variable, string value) =>
        value.Length == 0 || IsIn(File.ReadAllBytes(binaryPath), variable, value);

    /// <summary>As <see cref="IsIn(string, string, string)"/>, on a binary already read (several stamps, one read).</summary>
    public static bool IsIn(byte[] binary, string variable, string value)
    {
        if (value.Length == 0)
        {
            // An empty string leaves nothing to find; nothing to warn about.
            return true;
        }

        var needle = Encoding.UTF8.GetBytes(value);
        var flag = Encoding.UTF8.GetBytes(variable + "=");
        ReadOnlySpan<byte> rest = binary;
        var offset = 0;
        while (rest.IndexOf(needle) is var at && at >= 0)
        {
            var start = offset + at;
            var inFlag = start >= flag.Length && binary.AsSpan(start - flag.Length, flag.Length).SequenceEqual(flag);
            if (!inFlag)
            {
                return true;
            }

            offset = start + 1;
            rest = binary.AsSpan(offset);
        }

        return false;
    }
}
