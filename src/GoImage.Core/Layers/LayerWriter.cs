using GoImage.Images;

namespace GoImage.Layers;

/// <summary>Writes a layer's tar through the pinned compressor, measuring the tar's diff_id and the blob's digest on the way.</summary>
public static class LayerWriter
{
    public static Layer Write(LayerContent content, LayerCompression compression, Stream output, string blobPath, CancellationToken cancellationToken)
    {
        using var compressed = new DigestStream(output);
        using var compressor = compression.Open(compressed);
        using var tar = new DigestStream(compressor);
        new LayerTarWriter(tar, content.Mtime, content.ContentDigests.Count > 0 ? content.ContentDigests : null).Write(content.Entries, cancellationToken);
        compressor.Finish();
        return new Layer(content.Name, blobPath, compressed.Digest, compressed.BytesWritten, tar.Digest) { MediaType = compression.MediaType };
    }
}
