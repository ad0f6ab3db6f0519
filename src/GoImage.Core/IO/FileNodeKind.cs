namespace GoImage.IO;

/// <summary>What a path is on disk; .NET's FileSystemInfo cannot tell a FIFO, socket or device from a file.</summary>
public enum FileNodeKind
{
    Missing,
    Regular,
    Directory,
    Symlink,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
}
