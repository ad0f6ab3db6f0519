using System.Globalization;
using System.Text;

namespace GoImage.Layers;

/// <summary>
/// What an image path may hold. Control characters (C0 including NUL and newline, DEL, C1) are
/// refused: a NUL ends the name in a tar header, so <c>/etc/x%00a</c> and <c>/etc/x%00b</c> would both
/// become <c>etc/x</c>. Unpaired UTF-16 surrogates are refused too, since encoding turns every one
/// into the same U+FFFD.
/// </summary>
public static class TargetPathRules
{
    /// <summary>Why <paramref name="path"/> cannot be an image path, or null when it can.</summary>
    public static string? Problem(string path, bool allowRelative = false)
    {
        if (path.Length == 0)
        {
            return "is empty";
        }

        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (char.IsControl(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"holds the control character U+{(int)c:X4}");
            }

            if (char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "holds an unpaired UTF-16 surrogate";
            }
        }

        return allowRelative || path.StartsWith('/') ? null : "is not absolute";
    }

    /// <summary>The path with control characters spelled as %XX, for messages.</summary>
    public static string Printable(string path)
    {
        var text = new StringBuilder();
        foreach (var c in path)
        {
            text.Append(char.IsControl(c) || char.IsSurrogate(c) ? string.Create(CultureInfo.InvariantCulture, $"%{(int)c:X2}") : c.ToString());
        }

        return text.ToString();
    }
}
