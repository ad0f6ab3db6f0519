using System.Globalization;

namespace GoImage.Layers;

/// <summary>One line of /etc/group: <c>name:password:gid:members</c>.</summary>
public sealed record GroupEntry(string Name, int Gid)
{
    public static List<GroupEntry> Parse(byte[]? content) =>
        PasswdEntry.AccountLines(content, 3)
            .Where(f => PasswdEntry.TryId(f[2], out _))
            .Select(f => new GroupEntry(f[0], int.Parse(f[2], NumberStyles.None, CultureInfo.InvariantCulture)))
            .ToList();

    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{Name}:x:{Gid}:\n");
}
