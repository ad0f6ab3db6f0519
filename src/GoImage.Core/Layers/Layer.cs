using GoImage.Images;

namespace GoImage.Layers;

/// <summary>A written layer: its gzip blob on disk, the blob's digest and size, and the diff_id of the tar inside.</summary>
public sealed record Layer(string Name, string BlobPath, Digest Digest, long Size, Digest DiffId)
{
    public Descriptor Descriptor => new(MediaTypes.LayerGzip, Digest, Size);
}
