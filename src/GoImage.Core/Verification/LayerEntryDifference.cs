namespace GoImage.Verification;

/// <summary>The first file of two layers (walked in order) whose header or content differs, and how.</summary>
public sealed record LayerEntryDifference(string Path, IReadOnlyList<FieldDifference> Fields);
