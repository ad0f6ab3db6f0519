namespace GoImage.IO;

/// <summary>
/// Writes a file under a unique temporary name beside it, then renames it over the target: a reader
/// sees the old file or the new one, never part of one, and a failure or cancellation leaves no
/// temporary file behind.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = TempPaths.For(path);
        try
        {
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(output);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static void WriteAllBytes(string path, byte[] content) => Write(path, output => output.Write(content));

    public static void Copy(string source, string path) => Write(path, output =>
    {
        using var input = File.OpenRead(source);
        input.CopyTo(output);
    });
}
