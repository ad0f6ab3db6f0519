using GoImage.Images;

namespace GoImage.Inspection;

/// <summary>A platform's SBOM: its referrer manifest, the SPDX document's digest, and how many packages it lists.</summary>
public sealed record SbomInspection(Digest ManifestDigest, Digest Digest, int Packages);
