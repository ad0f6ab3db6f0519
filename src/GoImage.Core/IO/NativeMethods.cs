using System.Runtime.InteropServices;

namespace GoImage.IO;

/// <summary>
/// The few libc calls .NET does not expose: statx (its buffer layout is the same on every Linux
/// architecture, unlike struct stat), realpath, and open with O_NONBLOCK so a FIFO never blocks.
/// </summary>
internal static class NativeMethods
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;
    public const uint StatxBasicStats = 0x7ff;

    // O_RDONLY | O_NONBLOCK | O_CLOEXEC, the same numbers on x86-64 and arm64.
    public const int OpenReadNonBlocking = 0x800 | 0x80000;

    [DllImport("libc", SetLastError = true, EntryPoint = "statx")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Statx(int directoryFd, byte[] path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", SetLastError = true, EntryPoint = "realpath")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr RealPath(byte[] path, IntPtr resolved);

    /// <summary>A path as the NUL-terminated UTF-8 bytes libc takes.</summary>
    public static byte[] PathBytes(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    [DllImport("libc", EntryPoint = "free")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern void Free(IntPtr pointer);

    [DllImport("libc", SetLastError = true, EntryPoint = "open")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Open(byte[] path, int flags);
}
