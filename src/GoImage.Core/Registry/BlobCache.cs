using GoImage.Images;

namespace GoImage.Registry;

/// <summary>
/// A content-addressed folder of blobs (<c>sha256/&lt;hex&gt;</c>) shared by every build of the user:
/// a blob enters only after its digest was checked, under a temporary name renamed into place, so
/// parallel builds never see half a blob and a tampered download never lands.
/// </summary>
public sealed class BlobCache(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public string PathOf(Digest digest) => Path.Combine(Directory, "sha256", digest.Hex);

    public bool Contains(Digest digest) => File.Exists(PathOf(digest));

    /// <summary>Adds a blob written by <paramref name="write"/>, which must check what it writes (it throws when the content is wrong).</summary>
    public async Task<string> AddAsync(Digest digest, Func<Stream, Task> write)
    {
        var path = PathOf(digest);
        if (File.Exists(path))
        {
            return path;
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(output).ConfigureAwait(false);
            }

            Publish(temp, path);
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
