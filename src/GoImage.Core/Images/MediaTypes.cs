namespace GoImage.Images;

/// <summary>The OCI media types this SDK writes.</summary>
public static class MediaTypes
{
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string LayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string LayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";

    /// <summary>The config of an artifact that has none: the two bytes <c>{}</c>.</summary>
    public const string Empty = "application/vnd.oci.empty.v1+json";

    /// <summary>An SPDX 2.3 JSON document, as a referrer's artifactType and its one blob.</summary>
    public const string SpdxJson = "application/spdx+json";
}
