using GoImage.Images;

namespace GoImage.Layouts;

/// <summary>One file of a layout, by its relative name: bytes in memory, or a layer blob to copy (and check) from its file.</summary>
public sealed record LayoutFile(string Name, byte[]? Content, Layer? Layer);
