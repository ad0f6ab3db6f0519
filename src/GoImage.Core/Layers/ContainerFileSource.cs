using GoImage.Diagnostics;
using GoImage.IO;

namespace GoImage.Layers;

/// <summary>
/// Reads a ContainerFile's source as what it is, before any byte of it is read: a regular file
/// (symlinks followed to a real path inside the <see cref="SourceRoots"/>), or with
/// <c>Symlink="preserve"</c> the link itself. FIFOs, sockets, devices, folders and dangling links
/// are coded errors.
/// </summary>
internal static class ContainerFileSource
{
    /// <summary>
    /// What to read for <paramref name="file"/>: the real path of a regular file, or the text of a
    /// link to preserve; null after adding a diagnostic.
    /// </summary>
    public static (string? RealPath, string? LinkTarget)? Resolve(ContainerFile file, SourceRoots roots, List<Diagnostic> diagnostics)
    {
        var symlink = file.Symlink.Trim().ToLowerInvariant();
        if (symlink is not ("" or "follow" or "preserve"))
        {
            diagnostics.Add(Diagnostic.ContainerFileSymlinkInvalid(file.Include, file.Symlink));
            return null;
        }

        var node = FileNode.Of(file.SourcePath, followLinks: false);
        if (node.Kind == FileNodeKind.Missing)
        {
            diagnostics.Add(Diagnostic.ContainerFileMissing(file.Include));
            return null;
        }

        if (node.Kind == FileNodeKind.Symlink && symlink == "preserve")
        {
            return PreservedLink(file, diagnostics) is { } link ? (null, link) : null;
        }

        var real = FileNode.RealPath(file.SourcePath);
        if (real is null)
        {
            diagnostics.Add(Diagnostic.ContainerFileDanglingLink(file.Include, new FileInfo(file.SourcePath).LinkTarget ?? file.SourcePath));
            return null;
        }

        if (!roots.Contain(real))
        {
            diagnostics.Add(Diagnostic.ContainerFileOutsideRoot(file.Include, real, roots));
            return null;
        }

        var target = FileNode.Of(real, followLinks: false);
        switch (target.Kind)
        {
            case FileNodeKind.Regular:
                return (real, null);
            case FileNodeKind.Directory:
                diagnostics.Add(Diagnostic.ContainerFileIsDirectory(file.Include.TrimEnd('/', '\\')));
                return null;
            case FileNodeKind.Missing:
                diagnostics.Add(Diagnostic.ContainerFileMissing(file.Include));
                return null;
            default:
                diagnostics.Add(Diagnostic.ContainerFileNotRegular(file.Include, Describe(target.Kind)));
                return null;
        }
    }

    public static string Describe(FileNodeKind kind) => kind switch
    {
        FileNodeKind.Fifo => "FIFO (named pipe)",
        FileNodeKind.Socket => "socket",
        FileNodeKind.CharacterDevice => "character device",
        FileNodeKind.BlockDevice => "block device",
        FileNodeKind.Directory => "folder",
        FileNodeKind.Symlink => "symlink",
        _ => kind.ToString().ToLowerInvariant(),
    };

    // The link's own text goes into the image; nothing is read through it, so it may point anywhere.
    private static string? PreservedLink(ContainerFile file, List<Diagnostic> diagnostics)
    {
        var linkTarget = new FileInfo(file.SourcePath).LinkTarget ?? "";
        var problem = TargetPathRules.Problem(linkTarget, allowRelative: true);
        if (problem is null && System.Text.Encoding.UTF8.GetByteCount(linkTarget) > 100)
        {
            problem = "is longer than 100 bytes";
        }

        if (problem is not null)
        {
            diagnostics.Add(Diagnostic.InvalidContainerFile(file.Include, $"its symlink target '{TargetPathRules.Printable(linkTarget)}' {problem}"));
            return null;
        }

        return linkTarget;
    }
}
