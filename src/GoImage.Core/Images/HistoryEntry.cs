namespace GoImage.Images;

/// <summary>One line of an image's history: which step made a layer, for <c>podman history</c> and friends.</summary>
public sealed record HistoryEntry(string CreatedBy, string? Comment = null)
{
    /// <summary>A base image's own time for its steps; null means the image's created time.</summary>
    public string? Created { get; init; }

    /// <summary>A step that made no layer (ENV, USER… in a Dockerfile-built base).</summary>
    public bool EmptyLayer { get; init; }
}
