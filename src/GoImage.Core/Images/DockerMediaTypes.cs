namespace GoImage.Images;

/// <summary>Docker's v2 media types: base images still come in them, so pulls must read them.</summary>
public static class DockerMediaTypes
{
    public const string ManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string Manifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string Config = "application/vnd.docker.container.image.v1+json";
    public const string LayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string ForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
}
