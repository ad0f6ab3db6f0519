using GoImage.Images;

namespace GoImage.Layers;

/// <summary>Writes a layer's tar through the pinned gzip, measuring the tar's diff_id and the blob's digest on the way.</summary>
public static class LayerWriter
{
    public static Layer Write(LayerContent content, Stream output, string blobPath, CancellationToken cancellationToken)
    {
        using var compressed = new DigestStream(output);
        using var gzip = new PinnedGzipStream(compressed);
        using var tar = new DigestStream(gzip);
        new LayerTarWriter(tar, content.Mtime, content.ContentDigests.Count > 0 ? content.ContentDigests : null).Write(content.Entries, cancellationToken);
        gzip.Finish();
        return new Layer(content.Name, blobPath, compressed.Digest, compressed.BytesWritten, tar.Digest);
    }
}
