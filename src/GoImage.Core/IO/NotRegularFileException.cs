namespace GoImage.IO;

/// <summary>A path that was to be read as a file is a FIFO, socket, device or folder; thrown before any byte is read.</summary>
public sealed class NotRegularFileException(string path, FileNodeKind kind) : IOException($"'{path}' is a {kind}, not a regular file.")
{
    public string Path { get; } = path;

    public FileNodeKind Kind { get; } = kind;
}
