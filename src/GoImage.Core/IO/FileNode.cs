using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GoImage.IO;

/// <summary>
/// A path's kind and identity as the kernel reports it (lstat or stat through statx), its real
/// path with every link resolved, and a read handle that never blocks on a FIFO.
/// </summary>
public sealed record FileNode(FileNodeKind Kind, long Size, long Inode, long ModifiedNanoseconds, long ChangedNanoseconds)
{
    private static readonly FileNode MissingNode = new(FileNodeKind.Missing, 0, 0, 0, 0);

    /// <summary>What <paramref name="path"/> is; with <paramref name="followLinks"/> false a symlink is reported as one.</summary>
    public static FileNode Of(string path, bool followLinks)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Managed(path, followLinks);
        }

        var buffer = new byte[256];
        if (NativeMethods.Statx(NativeMethods.AtFdCwd, NativeMethods.PathBytes(path), followLinks ? 0 : NativeMethods.AtSymlinkNoFollow, NativeMethods.StatxBasicStats, buffer) != 0)
        {
            return MissingNode;
        }

        return FromStatx(buffer);
    }

    /// <summary>The path with every symlink resolved, or null when some part of it does not exist (a dangling link).</summary>
    public static string? RealPath(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            var info = new FileInfo(path);
            return info.LinkTarget is null ? (info.Exists || Directory.Exists(path) ? Path.GetFullPath(path) : null) : info.ResolveLinkTarget(true)?.FullName;
        }

        var resolved = NativeMethods.RealPath(NativeMethods.PathBytes(path), IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeMethods.Free(resolved);
        }
    }

    /// <summary>
    /// Opens a file for reading without blocking on a FIFO, and fails before any read unless the
    /// opened file itself is a regular file; its size comes from that handle.
    /// </summary>
    public static FileStream OpenRegular(string path, out FileNode node)
    {
        if (!OperatingSystem.IsLinux())
        {
            node = Managed(path, followLinks: true);
            if (node.Kind != FileNodeKind.Regular)
            {
                throw new NotRegularFileException(path, node.Kind);
            }

            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }

        var fd = NativeMethods.Open(NativeMethods.PathBytes(path), NativeMethods.OpenReadNonBlocking);
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw error == 2 ? new FileNotFoundException($"Could not find file '{path}'.", path) : new IOException($"'{path}' could not be opened (errno {error}).");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var buffer = new byte[256];
            if (NativeMethods.Statx(fd, NativeMethods.PathBytes(""), NativeMethods.AtEmptyPath, NativeMethods.StatxBasicStats, buffer) != 0)
            {
                throw new IOException($"'{path}' could not be examined (errno {Marshal.GetLastPInvokeError()}).");
            }

            node = FromStatx(buffer);
            if (node.Kind != FileNodeKind.Regular)
            {
                throw new NotRegularFileException(path, node.Kind);
            }

            return new FileStream(handle, FileAccess.Read, 1);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    // struct statx: stx_mode u16 at 28, stx_ino u64 at 32, stx_size u64 at 40, stx_ctime at 96, stx_mtime at 112 ({i64 sec, u32 nsec}).
    private static FileNode FromStatx(byte[] buffer)
    {
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileNodeKind.Regular,
            0x4000 => FileNodeKind.Directory,
            0xA000 => FileNodeKind.Symlink,
            0x1000 => FileNodeKind.Fifo,
            0xC000 => FileNodeKind.Socket,
            0x2000 => FileNodeKind.CharacterDevice,
            _ => FileNodeKind.BlockDevice,
        };
        return new FileNode(
            kind,
            BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(40)),
            BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(32)),
            Nanoseconds(buffer, 112),
            Nanoseconds(buffer, 96));
    }

    private static long Nanoseconds(byte[] buffer, int offset) =>
        (BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(offset)) * 1_000_000_000L) + BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + 8));

    private static FileNode Managed(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!followLinks && info.LinkTarget is not null)
        {
            return MissingNode with { Kind = FileNodeKind.Symlink };
        }

        if (followLinks && info.LinkTarget is not null)
        {
            info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        }

        return info switch
        {
            DirectoryInfo { Exists: true } => MissingNode with { Kind = FileNodeKind.Directory },
            FileInfo { Exists: true } file => new FileNode(FileNodeKind.Regular, file.Length, 0, file.LastWriteTimeUtc.Ticks * 100, 0),
            _ => MissingNode,
        };
    }
}
