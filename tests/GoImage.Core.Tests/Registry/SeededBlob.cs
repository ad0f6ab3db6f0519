using GoImage.Images;

namespace GoImage.Core.Tests.Registry;

/// <summary>One blob of a <see cref="SeededBaseImage"/>: its bytes, digest and media type, and for a layer the digest of the tar inside.</summary>
internal sealed record SeededBlob(string MediaType, byte[] Bytes, Digest? DiffId = null)
{
    public Digest Digest => Digest.Of(Bytes);

    public Descriptor Descriptor => new(MediaType, Digest, Bytes.Length);
}
