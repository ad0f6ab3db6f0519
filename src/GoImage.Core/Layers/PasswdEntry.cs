using System.Globalization;
using System.Text;

namespace GoImage.Layers;

/// <summary>One line of /etc/passwd: <c>name:password:uid:gid:gecos:home:shell</c>.</summary>
public sealed record PasswdEntry(string Name, int Uid, int Gid, string Home, string Shell)
{
    /// <summary>The well-formed lines, in file order; comments, NIS lines (<c>+</c>/<c>-</c>) and broken lines are skipped, as libc does.</summary>
    public static List<PasswdEntry> Parse(byte[]? content)
    {
        var entries = new List<PasswdEntry>();
        foreach (var fields in AccountLines(content, 7))
        {
            if (TryId(fields[2], out var uid) && TryId(fields[3], out var gid))
            {
                entries.Add(new PasswdEntry(fields[0], uid, gid, fields[5], fields[6]));
            }
        }

        return entries;
    }

    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{Name}:x:{Uid}:{Gid}:{Name}:{Home}:{Shell}\n");

    internal static IEnumerable<string[]> AccountLines(byte[]? content, int minimumFields)
    {
        if (content is null)
        {
            yield break;
        }

        foreach (var line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            var text = line.TrimEnd('\r');
            if (text.Length == 0 || text[0] is '#' or '+' or '-')
            {
                continue;
            }

            var fields = text.Split(':');
            if (fields.Length >= minimumFields && fields[0].Length > 0)
            {
                yield return fields;
            }
        }
    }

    internal static bool TryId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
