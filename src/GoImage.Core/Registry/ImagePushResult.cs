using GoImage.Images;

namespace GoImage.Registry;

/// <summary>What a push did: the index digest now in the registry, and how each blob got there.</summary>
public sealed record ImagePushResult(Digest Digest, int Uploaded, int AlreadyPresent, int Mounted, long BytesUploaded)
{
    /// <summary>Referrer manifests (SBOMs) pushed with the image.</summary>
    public int Referrers { get; init; }

    /// <summary>The <c>sha256-&lt;hex&gt;</c> tags written for a registry without the referrers API.</summary>
    public IReadOnlyList<string> FallbackTags { get; init; } = [];

    /// <summary>Every blob, platform manifest and the index now in the repository by digest (what <see cref="PushRecord"/> keeps).</summary>
    public IReadOnlyList<Digest> Pushed { get; init; } = [];
}
