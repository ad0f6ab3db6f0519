
namespace GoImage.Images;

/// <summary>One platform of a pulled base image: its manifest's digest, its layers (opaque blobs in the cache) and its config.</summary>
public sealed record BasePlatformImage(ImagePlatform Platform, Digest ManifestDigest, IReadOnlyList<Layer> Layers, BaseImageConfig Config);
