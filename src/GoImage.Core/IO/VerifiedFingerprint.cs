using System.Globalization;
using System.Text;

namespace GoImage.IO;

/// <summary>
/// A file's size, inode, mtime and ctime, recorded beside it when its content was last proven to
/// match its digest. While the fingerprint still matches, the file was not written since (any write
/// moves ctime, which no user call can set back), so it need not be hashed again.
/// </summary>
public static class VerifiedFingerprint
{
    public static bool Matches(string path, string fingerprintPath) =>
        Of(path) is { } current && File.Exists(fingerprintPath) && File.ReadAllText(fingerprintPath) == current;

    /// <summary>Records the fingerprint; best effort, since without one the file is just hashed again next time.</summary>
    public static void Record(string path, string fingerprintPath)
    {
        try
        {
            AtomicFile.WriteAllBytes(fingerprintPath, Encoding.ASCII.GetBytes(Of(FileNode.Of(path, followLinks: false))));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The file's fingerprint now; null for anything but a regular file with a ctime (nothing to trust).</summary>
    internal static string? Of(string path)
    {
        var node = FileNode.Of(path, followLinks: false);
        return node.Kind == FileNodeKind.Regular && node.ChangedNanoseconds != 0 ? Of(node) : null;
    }

    private static string Of(FileNode node) =>
        string.Create(CultureInfo.InvariantCulture, $"{node.Size} {node.Inode} {node.ModifiedNanoseconds} {node.ChangedNanoseconds}");
}
