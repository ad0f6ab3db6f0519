using GoImage.Images;

namespace GoImage.Core.Tests.Registry;

/// <summary>One platform's manifest of a <see cref="SeededBaseImage"/>, with its config and layers.</summary>
internal sealed record SeededPlatform(ImagePlatform Platform, SeededBlob Manifest, SeededBlob Config, IReadOnlyList<SeededBlob> Layers)
{
    public Digest ManifestDigest => Manifest.Digest;
}
