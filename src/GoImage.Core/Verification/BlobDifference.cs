using GoImage.Images;

namespace GoImage.Verification;

/// <summary>A blob that differs between two images: where it sits and what differs inside it.</summary>
public sealed record BlobDifference(BlobRole Role, string? Platform, Digest First, Digest Second)
{
    /// <summary>For a layer, its 1-based position and the manifest's layer count.</summary>
    public int LayerNumber { get; init; }

    public int LayerCount { get; init; }

    /// <summary>For JSON blobs, the properties that differ (paths such as <c>config.Env[1]</c>).</summary>
    public IReadOnlyList<FieldDifference> Properties { get; init; } = [];

    /// <summary>For a layer, the first differing file; null when the files are the same (only the compression differs) or could not be read.</summary>
    public LayerEntryDifference? Entry { get; init; }

    /// <summary>Anything else worth saying, such as "the uncompressed tars are identical".</summary>
    public string? Note { get; init; }
}
