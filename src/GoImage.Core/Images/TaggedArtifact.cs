namespace GoImage.Images;

/// <summary>
/// A manifest found by a tag derived from its subject's digest rather than by <c>subject</c>: cosign's
/// signatures (<c>sha256-&lt;hex&gt;.sig</c>) and attestations (<c>sha256-&lt;hex&gt;.att</c>), which cosign 2,
/// Harbor and Kyverno look up by tag. A layout names it in index.json; a push puts it at that tag.
/// </summary>
public sealed record TaggedArtifact(string Tag, Digest Subject, ImageBlob Manifest, IReadOnlyList<ImageBlob> Blobs)
{
    /// <summary>The tag cosign derives from a subject: <c>sha256-&lt;hex&gt;.&lt;suffix&gt;</c>.</summary>
    public static string TagFor(Digest subject, string suffix) => $"sha256-{subject.Hex}.{suffix}";

    /// <summary>Whether <paramref name="name"/> is such a tag (<c>.sig</c>, <c>.att</c>, <c>.sbom</c>), and whose.</summary>
    public static bool TryParseTag(string? name, out Digest subject, out string suffix)
    {
        subject = default;
        suffix = "";
        var dot = name?.LastIndexOf('.') ?? -1;
        if (name is null || dot < 0 || !name.StartsWith("sha256-", StringComparison.Ordinal)
            || !Digest.TryParse("sha256:" + name["sha256-".Length..dot], out subject))
        {
            return false;
        }

        suffix = name[(dot + 1)..];
        return true;
    }
}
