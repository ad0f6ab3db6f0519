using GoImage.Images;

namespace GoImage.Tool.Building;

/// <summary>One layer of a platform's manifest in an OCI layout: its digest and compressed size.</summary>
internal sealed record LayoutLayer(string Digest, long Size);
