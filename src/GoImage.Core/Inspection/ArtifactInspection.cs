using GoImage.Images;

namespace GoImage.Inspection;

/// <summary>
/// A signature, attestation or other artifact that names one of the image's manifests, as <c>goimage inspect</c>
/// lists it: found, read and counted, never verified (that is <c>goimage verify-signature</c>).
/// </summary>
/// <param name="Kind">What it is.</param>
/// <param name="Tag">The cosign tag (<c>sha256-&lt;hex&gt;.sig</c> or <c>.att</c>) it was found at; null for an OCI 1.1 referrer.</param>
/// <param name="ManifestDigest">The manifest that carries it (the tag's, or the referrer's).</param>
/// <param name="MediaType">The media type of its content blob.</param>
/// <param name="Digest">Its content blob: the payload, the DSSE envelope, the bundle or the document.</param>
/// <param name="Size">The content blob's size in bytes.</param>
public sealed record ArtifactInspection(ArtifactKind Kind, string? Tag, Digest ManifestDigest, string MediaType, Digest Digest, long Size)
{
    /// <summary>The referrer manifest's artifactType; null for a tag's layer.</summary>
    public string? ArtifactType { get; init; }

    /// <summary>The in-toto predicate type, for an attestation or bundle.</summary>
    public string? PredicateType { get; init; }

    /// <summary>How many signatures it carries (DSSE signatures, or the cosign signature annotation); 0 is unsigned.</summary>
    public int Signatures { get; init; }

    /// <summary>What names the signing key, when the artifact says: a bundle's public-key hint, or a DSSE keyid.</summary>
    public string? KeyHint { get; init; }

    /// <summary>Why its content could not be read as its kind (its signatures are then not counted); null when it could.</summary>
    public string? Problem { get; init; }
}
