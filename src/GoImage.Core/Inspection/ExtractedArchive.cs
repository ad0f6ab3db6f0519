using System.Formats.Tar;
using GoImage.Diagnostics;

namespace GoImage.Inspection;

/// <summary>
/// An image tarball (ours, or skopeo's oci-archive) unpacked into a fresh temporary folder, deleted on dispose.
/// Only regular files and folders are written, and only below that folder.
/// </summary>
public sealed class ExtractedArchive : IDisposable
{
    private ExtractedArchive(string path) => Path = path;

    public string Path { get; }

    public static ExtractedArchive Extract(string archivePath, CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "goimage-archive-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var archive = new ExtractedArchive(folder);
        try
        {
            using var stream = File.OpenRead(archivePath);
            using var reader = new TarReader(stream);
            while (reader.GetNextEntry() is { } entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var target = Target(folder, entry.Name, archivePath);
                if (target is null)
                {
                    continue;
                }

                if (entry.EntryType == TarEntryType.Directory)
                {
                    Directory.CreateDirectory(target);
                }
                else if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile)
                {
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                    using var output = File.Create(target);
                    entry.DataStream?.CopyTo(output);
                }
            }

            return archive;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException or UnauthorizedAccessException)
        {
            archive.Dispose();
            throw new GoImageException(Diagnostic.ArchiveUnreadable(archivePath, e.Message));
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    // skopeo writes "blobs/…", some tools "./blobs/…"; a name that climbs out or is absolute is refused, not followed.
    private static string? Target(string folder, string name, string archivePath)
    {
        var relative = name.Replace('\\', '/');
        while (relative.StartsWith("./", StringComparison.Ordinal))
        {
            relative = relative[2..];
        }

        relative = relative.TrimEnd('/');
        if (relative.Length == 0 || relative == ".")
        {
            return null;
        }

        if (relative.StartsWith('/') || relative.Split('/').Any(part => part == ".."))
        {
            throw new GoImageException(Diagnostic.ArchiveEntryOutside(archivePath, name));
        }

        return System.IO.Path.Combine(folder, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
    }
}
