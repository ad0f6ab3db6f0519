namespace GoImage.Inspection;

/// <summary>What a signature, attestation or referrer that <c>goimage inspect</c> lists is.</summary>
public enum ArtifactKind
{
    /// <summary>A cosign simple-signing payload with its signature (a layer of the <c>.sig</c> tag's manifest).</summary>
    Signature,

    /// <summary>An in-toto statement: DSSE-signed in the <c>.att</c> tag's manifest, or an unsigned referrer.</summary>
    Attestation,

    /// <summary>A Sigstore bundle referrer (a signature or an attestation, by its predicate type).</summary>
    Bundle,

    /// <summary>An SPDX document referrer.</summary>
    Sbom,

    /// <summary>A referrer of any other artifact type.</summary>
    Other,
}
