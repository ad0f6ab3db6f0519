using System.Globalization;
using System.Text;
using GoImage.Diagnostics;

namespace GoImage.Sbom;

/// <summary>Go's strconv.Quote form, as build settings with spaces or '=' are written in build information.</summary>
internal static class GoQuotedString
{
    /// <summary>The index just past the quoted string that starts at <paramref name="start"/>.</summary>
    public static int End(string text, int start)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    public static string Unquote(string quoted, string name)
    {
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"')
        {
            throw Malformed(quoted, name);
        }

        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var c = quoted[i];
            if (c != '\\')
            {
                var rune = Rune.GetRuneAt(quoted, i);
                var n = rune.EncodeToUtf8(utf8);
                bytes.AddRange(utf8[..n].ToArray());
                i += rune.Utf16SequenceLength - 1;
                continue;
            }

            if (++i >= quoted.Length - 1)
            {
                throw Malformed(quoted, name);
            }

            switch (quoted[i])
            {
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'n': bytes.Add(10); break;
                case 'r': bytes.Add(13); break;
                case 't': bytes.Add(9); break;
                case 'v': bytes.Add(11); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '"': bytes.Add((byte)'"'); break;
                case '\'': bytes.Add((byte)'\''); break;
                case 'x':
                    bytes.Add((byte)Hex(quoted, ref i, 2, name));
                    break;
                case 'u' or 'U':
                    var code = Hex(quoted, ref i, quoted[i] == 'u' ? 4 : 8, name);
                    var encoded = new Rune(code).EncodeToUtf8(utf8);
                    bytes.AddRange(utf8[..encoded].ToArray());
                    break;
                default:
                    throw Malformed(quoted, name);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static int Hex(string quoted, ref int i, int digits, string name)
    {
        if (i + digits >= quoted.Length
            || !int.TryParse(quoted.AsSpan(i + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Malformed(quoted, name);
        }

        i += digits;
        return value;
    }

    private static GoImageException Malformed(string quoted, string name) =>
        new(Diagnostic.GoBuildSettingMalformed(name, quoted));
}
