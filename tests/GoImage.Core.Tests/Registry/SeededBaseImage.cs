using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Images;

namespace GoImage.Core.Tests.Registry;

/// <summary>A base image built by <see cref="BaseImageBuilder"/>: its root (an index, or one manifest) and every platform's part.</summary>
internal sealed record SeededBaseImage(SeededBlob Root, IReadOnlyList<SeededPlatform> Platforms, IReadOnlyList<SeededBlob> OtherManifests, IReadOnlyList<SeededBlob> OtherBlobs)
{
    public Digest RootDigest => Root.Digest;

    public SeededPlatform this[ImagePlatform platform] => Platforms.Single(p => p.Platform == platform);

    /// <summary>Every config and layer (each once).</summary>
    public IEnumerable<SeededBlob> Blobs =>
        Platforms.SelectMany(p => p.Layers.Prepend(p.Config)).Concat(OtherBlobs).DistinctBy(b => b.Digest);

    /// <summary>Every child manifest (none when the root is a single manifest).</summary>
    public IEnumerable<SeededBlob> ChildManifests =>
        Platforms.Select(p => p.Manifest).Where(m => m.Digest != RootDigest).Concat(OtherManifests);

    /// <summary>
    /// Stores every blob and child manifest in <paramref name="repository"/>, and the root under <paramref name="tag"/>
    /// (or only under its digest when <paramref name="tag"/> is null).
    /// </summary>
    public void Seed(FakeRegistry registry, string repository, string? tag)
    {
        foreach (var blob in Blobs)
        {
            registry.PutBlob(repository, blob.Bytes);
        }

        foreach (var manifest in ChildManifests)
        {
            registry.PutManifest(repository, manifest.Digest.ToString(), manifest.MediaType, manifest.Bytes);
        }

        registry.PutManifest(repository, tag ?? RootDigest.ToString(), Root.MediaType, Root.Bytes);
    }
}
