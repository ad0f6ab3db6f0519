
namespace GoImage.Images;

/// <summary>A written layer: its compressed blob on disk, the blob's digest and size, and the diff_id of the tar inside.</summary>
public sealed record Layer(string Name, string BlobPath, Digest Digest, long Size, Digest DiffId)
{
    /// <summary>Ours are gzip or zstd (ContainerLayerCompression); a base image's layers keep their own (OCI) type.</summary>
    public string MediaType { get; init; } = MediaTypes.LayerGzip;

    public Descriptor Descriptor => new(MediaType, Digest, Size);
}
