namespace GoImage.Inspection;

/// <summary>The SBOM contract: an SPDX 2.3 JSON document in an OCI referrer manifest of each platform manifest.</summary>
public static class SbomMediaTypes
{
    /// <summary>The referrer manifest's <c>artifactType</c> and its one layer's media type.</summary>
    public const string Spdx = "application/spdx+json";
}
