using System.Diagnostics;

namespace GoImage.Sdk.Tasks.Tests;

/// <summary>A tiny tmpfs mounted on a folder and filled to the last byte: a real "No space left on device" (needs root).</summary>
internal sealed class FullDisk : IDisposable
{
    private FullDisk(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a full file system on <paramref name="path"/>; null where mounting is not allowed.</summary>
    public static FullDisk? TryMount(string path)
    {
        Directory.CreateDirectory(path);
        if (Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", path) != 0)
        {
            return null;
        }

        var disk = new FullDisk(path);
        try
        {
            using var filler = new FileStream(System.IO.Path.Combine(path, "filler"), FileMode.CreateNew);
            var block = new byte[4096];
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // Full: what the test needs.
        }

        return disk;
    }

    public void Dispose() => Run("umount", Path);

    private static int Run(string fileName, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
