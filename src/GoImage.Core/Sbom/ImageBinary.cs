using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Sbom;

/// <summary>
/// The Go binary a platform's image runs, read for everything a publish says about it: its digest (the SBOM's
/// checksum) and its embedded build information (the SBOM's packages and the provenance's dependencies).
/// </summary>
public sealed record ImageBinary(ImagePlatform Platform, string Path, Digest Digest, GoBuildInfo BuildInfo)
{
    /// <exception cref="GoImageException">The file cannot be read, or holds no Go build information.</exception>
    public static ImageBinary Read(ImagePlatform platform, string path)
    {
        // Streamed, never held whole: a large-heap array per binary costs MSBuild's node a full collection.
        try
        {
            return new ImageBinary(platform, path, Digest.OfFile(path), GoBuildInfoReader.Read(path, path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GoImageException(Diagnostic.GoBinaryUnreadable(path, e.Message));
        }
    }
}
