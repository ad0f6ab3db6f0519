namespace GoImage.Images;

/// <summary>A JSON blob (config, manifest or index) with the descriptor that names its exact bytes.</summary>
public sealed record ImageBlob(Descriptor Descriptor, byte[] Content)
{
    public static ImageBlob Create(string mediaType, byte[] content) =>
        new(new Descriptor(mediaType, Digest.Of(content), content.Length), content);
}
