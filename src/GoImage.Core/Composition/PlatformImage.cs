using GoImage.Images;

namespace GoImage.Composition;

/// <summary>One platform's image: its layers in order, its config and its manifest.</summary>
public sealed record PlatformImage(ImagePlatform Platform, IReadOnlyList<Layer> Layers, ImageBlob Config, ImageBlob Manifest);
