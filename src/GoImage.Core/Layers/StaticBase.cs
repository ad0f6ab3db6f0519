using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace GoImage.Layers;

/// <summary>
/// The embedded default base (<c>ContainerBaseImage</c> empty or <c>static</c>): what a static Go
/// binary needs from a filesystem and nothing more. Users root, nobody and nonroot; a sticky
/// world-writable /tmp; CA certificates; nsswitch.conf so Go resolves /etc/hosts first; time zones.
/// </summary>
public static class StaticBase
{
    /// <summary>Bump with any change to the files below; it is the base's os-release VERSION_ID.</summary>
    public const string Version = "1";

    public const string Name = "static";

    private const int Sticky = 0b1_111_111_111; // 01777

    /// <summary>
    /// What decides every byte of <see cref="Entries"/>: the version, and this assembly's module version id, which a
    /// deterministic compile changes with any change to the code or the embedded files. The layer cache keys the base
    /// by it, so a publish neither unpacks the time zones nor hashes the base's files to find the cached layer.
    /// </summary>
    public static string Identity { get; } = $"{Name} {Version} {typeof(StaticBase).Assembly.ManifestModule.ModuleVersionId:N}";

    /// <summary>The base's /etc/passwd: what a ContainerUser name is resolved against.</summary>
    internal static byte[] PasswdContent => Text(
        "root:x:0:0:root:/root:/sbin/nologin\n" +
        "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n" +
        "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n");

    internal static byte[] GroupContent => Text("root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n");

    /// <summary>The base as a layer at <paramref name="mtime"/>, keyed by <see cref="Identity"/>.</summary>
    public static LayerContent Content(long mtime) => LayerContent.Embedded($"{Name} base {Version}", Identity, Entries, mtime);

    public static IReadOnlyList<LayerEntry> Entries()
    {
        var entries = new List<LayerEntry>
        {
            LayerEntry.File("etc/passwd", PasswdContent),
            LayerEntry.File("etc/group", GroupContent),
            LayerEntry.File("etc/nsswitch.conf", Text("hosts: files dns\n")),
            LayerEntry.File("etc/os-release", Text(
                "NAME=\"GoImage static\"\nID=goimage-static\n" +
                $"VERSION_ID={Version}\nPRETTY_NAME=\"GoImage static base {Version}\"\n")),
            LayerEntry.File("etc/ssl/certs/ca-certificates.crt", Resource("ca-certificates.crt")),
            LayerEntry.Directory("home/nonroot", 0b111_000_000) with { Uid = 65532, Gid = 65532 },
            LayerEntry.Directory("root", 0b111_000_000),
            LayerEntry.Directory("tmp", Sticky),
        };
        entries.AddRange(ZoneInfo());
        return entries;
    }

    private static List<LayerEntry> ZoneInfo()
    {
        using var gzip = new GZipStream(new MemoryStream(Resource("zoneinfo.tar.gz")), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<LayerEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            var name = entry.Name.TrimStart('.', '/').TrimEnd('/');
            if (name.Length == 0)
            {
                continue;
            }

            var path = "usr/share/zoneinfo/" + name;
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    entries.Add(LayerEntry.Directory(path));
                    break;
                case TarEntryType.SymbolicLink:
                    entries.Add(LayerEntry.Symlink(path, entry.LinkName));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    using (var content = new MemoryStream())
                    {
                        entry.DataStream!.CopyTo(content);
                        entries.Add(LayerEntry.File(path, content.ToArray()));
                    }

                    break;
            }
        }

        return entries;
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Resource(string name)
    {
        using var stream = typeof(StaticBase).Assembly.GetManifestResourceStream("GoImage.BaseData." + name)
            ?? throw new InvalidOperationException($"The embedded base file {name} is missing from GoImage.Core.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
