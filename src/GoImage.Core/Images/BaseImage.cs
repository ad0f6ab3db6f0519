
namespace GoImage.Images;

/// <summary>A base image pinned by digest, ready to build on: what the project named, what it resolved to, and each platform's part.</summary>
public sealed record BaseImage(ImageReference Reference, Digest Digest, IReadOnlyList<BasePlatformImage> Platforms)
{
    /// <summary>True when this build resolved the tag anew and wrote the lock file.</summary>
    public bool LockWritten { get; init; }

    /// <summary>Blobs this build downloaded (zero when everything came from the cache).</summary>
    public int Downloaded { get; init; }
}
