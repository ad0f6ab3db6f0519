namespace GoImage.Layers;

/// <summary>
/// One path in a layer. Content comes from memory or from a file read at write time; nothing else
/// about the host (owner, times, extended attributes) ever reaches the tar.
/// </summary>
public sealed record LayerEntry
{
    private LayerEntry(string path, LayerEntryKind kind, int mode)
    {
        Path = path;
        Kind = kind;
        Mode = mode;
    }

    /// <summary>The path inside the image, without a leading or trailing slash: <c>etc/passwd</c>.</summary>
    public string Path { get; }

    public LayerEntryKind Kind { get; }

    /// <summary>Permission bits including setuid, setgid and sticky (07777).</summary>
    public int Mode { get; }

    public int Uid { get; init; }

    public int Gid { get; init; }

    public byte[]? Content { get; private init; }

    public string? SourceFile { get; private init; }

    public string? LinkTarget { get; private init; }

    /// <summary>What the user called the source (a ContainerFile's Include), for messages; else the source path.</summary>
    public string? SourceName { get; init; }

    public static LayerEntry Directory(string path, int mode = 0b111_101_101) => new(Normalize(path), LayerEntryKind.Directory, mode);

    public static LayerEntry File(string path, byte[] content, int mode = 0b110_100_100) =>
        new(Normalize(path), LayerEntryKind.File, mode) { Content = content };

    public static LayerEntry FromFile(string path, string sourceFile, int mode) =>
        new(Normalize(path), LayerEntryKind.File, mode) { SourceFile = sourceFile };

    public static LayerEntry Symlink(string path, string target) =>
        new(Normalize(path), LayerEntryKind.Symlink, 0b111_111_111) { LinkTarget = target };

    /// <summary>
    /// The content; for a source file, a handle that is checked to be a regular file before any read
    /// (a FIFO never blocks), whose <see cref="Stream.Length"/> is that same handle's size.
    /// </summary>
    public Stream OpenContent() => Content is not null ? new MemoryStream(Content, writable: false) : IO.FileNode.OpenRegular(SourceFile!, out _);

    /// <summary>Image paths are absolute to users (<c>/app/hello</c>) and relative in tars (<c>app/hello</c>).</summary>
    public static string Normalize(string path)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Any(p => p is "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a path inside the image.", nameof(path));
        }

        return string.Join('/', parts);
    }
}
