namespace GoImage.Images;

/// <summary>One line of an image's history: which step made a layer, for <c>podman history</c> and friends.</summary>
public sealed record HistoryEntry(string CreatedBy, string? Comment = null);
