using GoImage.Images;

namespace GoImage.Verification;

/// <summary>Two images' digests and, when they differ, the differing blobs in walk order (the first is the first difference).</summary>
public sealed record ImageComparison(Digest First, Digest Second, IReadOnlyList<BlobDifference> Differences)
{
    public bool Identical => First == Second;
}
