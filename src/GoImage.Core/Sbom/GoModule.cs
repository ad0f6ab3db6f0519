namespace GoImage.Sbom;

/// <summary>A module as a Go binary records it: path, version and go.sum hash (empty for vendored or local modules).</summary>
public sealed record GoModule(string Path, string Version, string Sum)
{
    /// <summary>The module that a go.mod <c>replace</c> put in this one's place, if any.</summary>
    public GoModule? Replacement { get; init; }
}
