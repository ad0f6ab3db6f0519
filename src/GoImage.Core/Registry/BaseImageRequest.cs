using GoImage.Images;

namespace GoImage.Registry;

/// <summary>ContainerBaseImage and how to treat its lock file.</summary>
public sealed record BaseImageRequest(ImageReference Reference, IReadOnlyList<ImagePlatform> Platforms, string LockFilePath)
{
    /// <summary>Resolve the tag again and rewrite the lock (ContainerBaseImageRefresh).</summary>
    public bool Refresh { get; init; }

    /// <summary>Fail instead of writing the lock when it is missing or names another image (ContainerLockedMode, for CI).</summary>
    public bool LockedMode { get; init; }
}
