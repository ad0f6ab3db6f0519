using GoImage.Images;

namespace GoImage.Layers;

/// <summary>
/// How the layers the SDK writes are compressed (ContainerLayerCompression): gzip, which every registry and
/// runtime reads, or zstd, faster to write and to unpack where the runtime reads it. Either is pinned, byte
/// for byte, by its writer; a registry base's layers keep theirs.
/// </summary>
public sealed class LayerCompression
{
    public static readonly LayerCompression Gzip = new()
    {
        Name = "gzip", MediaType = MediaTypes.LayerGzip, BlobExtension = ".tar.gz", Format = PinnedGzipStream.Format,
    };

    public static readonly LayerCompression Zstd = new()
    {
        Name = "zstd", MediaType = MediaTypes.LayerZstd, BlobExtension = ".tar.zst", Format = PinnedZstdStream.Format,
    };

    private LayerCompression()
    {
    }

    /// <summary>The setting's value: <c>gzip</c> or <c>zstd</c>.</summary>
    public string Name { get; private init; } = "";

    /// <summary>The OCI layer media type of a blob compressed this way.</summary>
    public string MediaType { get; private init; } = "";

    /// <summary>A cached blob's file name ending.</summary>
    internal string BlobExtension { get; private init; } = "";

    /// <summary>The writer, its version and settings: what a layer cache key must hold.</summary>
    internal string Format { get; private init; } = "";

    /// <summary>The setting as written (any case, empty for the default), or null when it names neither.</summary>
    public static LayerCompression? Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "" or "gzip" => Gzip,
        "zstd" => Zstd,
        _ => null,
    };

    /// <summary>A stream compressing into <paramref name="output"/>; <see cref="BlockCompressingStream.Finish"/> ends it.</summary>
    internal BlockCompressingStream Open(Stream output, int workers = 0) =>
        this == Zstd ? new PinnedZstdStream(output, workers) : new PinnedGzipStream(output, workers);

    public override string ToString() => Name;
}
