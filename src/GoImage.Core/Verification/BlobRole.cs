using GoImage.Images;

namespace GoImage.Verification;

/// <summary>What a differing blob is to the image, in the order the comparison walks them.</summary>
public enum BlobRole
{
    Index,
    Manifest,
    Config,
    Layer,
}
