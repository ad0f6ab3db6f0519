using GoImage.Images;

namespace GoImage.Inspection;

/// <summary>Where an image is read from: an OCI layout (also one unpacked from a tarball) or a registry.</summary>
public interface IImageSource : IDisposable
{
    /// <summary>What the user named, for messages and the report.</summary>
    string Reference { get; }

    /// <summary>The image's index or manifest: exact bytes, digest and media type.</summary>
    Task<ManifestContent> ReadRootAsync(CancellationToken cancellationToken);

    /// <summary>A whole blob, checked against <paramref name="blob"/>'s digest (meant for JSON and SBOMs, not layers).</summary>
    Task<byte[]> ReadBlobAsync(Descriptor blob, CancellationToken cancellationToken);

    /// <summary>The manifest at <paramref name="tag"/> in the image's repository (a layout: its index.json ref name), or null when there is none.</summary>
    Task<ManifestContent?> FindTaggedAsync(string tag, CancellationToken cancellationToken);

    /// <summary>The manifests that refer to <paramref name="subject"/>, as listed in its referrers index: those with <paramref name="artifactType"/>, or all when it is null.</summary>
    Task<IReadOnlyList<Descriptor>> FindReferrersAsync(Digest subject, string? artifactType, CancellationToken cancellationToken);
}
