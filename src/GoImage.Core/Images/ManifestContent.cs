
namespace GoImage.Images;

/// <summary>A manifest or index as a registry served it: its exact bytes, their digest (checked) and media type.</summary>
public sealed record ManifestContent(byte[] Bytes, Digest Digest, string MediaType);
