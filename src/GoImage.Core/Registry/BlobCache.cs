using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.IO;

namespace GoImage.Registry;

/// <summary>
/// A content-addressed folder of blobs (<c>sha256/&lt;hex&gt;</c>) shared by every build of the user:
/// a blob enters only after its digest was checked, under a temporary name renamed into place, so
/// parallel builds never see half a blob and a tampered download never lands. A blob is served
/// only while its fingerprint (size, inode, mtime, ctime, in <c>verified/&lt;hex&gt;</c>) is the one
/// recorded when its content last hashed to its digest; any change re-hashes it, and a blob that
/// no longer matches is removed (a warning) and downloaded again.
/// </summary>
public sealed class BlobCache(string directory, Action<Diagnostic>? warn = null)
{
    private int _cleaned;

    public string Directory { get; } = Path.GetFullPath(directory);

    public string PathOf(Digest digest) => Path.Combine(Directory, "sha256", digest.Hex);

    /// <summary>Whether the cache holds <paramref name="digest"/>'s exact bytes (checked as above).</summary>
    public bool Contains(Digest digest)
    {
        var path = PathOf(digest);
        var node = FileNode.Of(path, followLinks: false);
        if (node.Kind == FileNodeKind.Missing)
        {
            return false;
        }

        var fingerprintPath = FingerprintPath(digest);
        if (VerifiedFingerprint.Matches(path, fingerprintPath))
        {
            return true;
        }

        if (node.Kind == FileNodeKind.Regular && Digest.OfFile(path, CancellationToken.None) == digest)
        {
            VerifiedFingerprint.Record(path, fingerprintPath);
            return true;
        }

        warn?.Invoke(Diagnostic.BaseImageBlobRepaired(digest, Directory));
        File.Delete(fingerprintPath);
        File.Delete(path);
        return false;
    }

    /// <summary>Adds a blob written by <paramref name="write"/>, which must check what it writes (it throws when the content is wrong).</summary>
    public async Task<string> AddAsync(Digest digest, Func<Stream, Task> write)
    {
        var path = PathOf(digest);
        if (Contains(digest))
        {
            return path;
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (Interlocked.Exchange(ref _cleaned, 1) == 0)
        {
            TempPaths.RemoveStale(Path.GetDirectoryName(path)!);
        }

        var temp = TempPaths.For(path);
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(output).ConfigureAwait(false);
            }

            Publish(temp, path);
            VerifiedFingerprint.Record(path, FingerprintPath(digest));
        }
        finally
        {
            File.Delete(temp);
        }

        return path;
    }

    /// <summary>Adds bytes already checked against <paramref name="digest"/> (a manifest).</summary>
    public Task<string> AddBytesAsync(Digest digest, byte[] content)
    {
        if (Digest.Of(content) != digest)
        {
            throw new ArgumentException($"The content is not {digest}.", nameof(content));
        }

        return AddAsync(digest, output => output.WriteAsync(content).AsTask());
    }

    private string FingerprintPath(Digest digest) => Path.Combine(Directory, "verified", digest.Hex);

    private static void Publish(string temp, string path)
    {
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another build cached the same content first; its bytes are the same by digest.
        }
    }
}
