using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using GoImage.Images;

namespace GoImage.Core.Tests.Registry;

/// <summary>
/// A small base image as registries serve them, to seed a fake registry with: an index (or a Docker manifest list)
/// with linux/amd64 and linux/arm64/v8 manifests, each with a config that has Env, Labels, ExposedPorts, diff_ids and
/// history (one empty_layer step), over two gzip'd tar layers, the first shared by both platforms.
/// </summary>
internal sealed record BaseImageBuilder
{
    public const string BaseCreated = "2024-01-02T03:04:05Z";

    public static ImagePlatform Amd64 { get; } = new("linux", "amd64", null);

    public static ImagePlatform Arm64 { get; } = new("linux", "arm64", "v8");

    /// <summary>Docker v2 media types (manifest list, manifest, config, layers) instead of OCI's.</summary>
    public bool Docker { get; init; }

    /// <summary>The platforms, in index order.</summary>
    public IReadOnlyList<ImagePlatform> Platforms { get; init; } = [Amd64, Arm64];

    /// <summary>No index: the root is the first platform's manifest.</summary>
    public bool SingleManifest { get; init; }

    /// <summary>Adds an attestation manifest with platform unknown/unknown to the index, as buildx does.</summary>
    public bool Attestation { get; init; }

    /// <summary>Overrides the media type of every platform's second layer (a foreign or unknown type, say).</summary>
    public string? SecondLayerMediaType { get; init; }

    /// <summary>Goes into every blob, so two builders with different markers share nothing (a tag that moved).</summary>
    public string Marker { get; init; } = "1";

    private string ManifestType => Docker ? DockerMediaTypes.Manifest : MediaTypes.ImageManifest;

    private string IndexType => Docker ? DockerMediaTypes.ManifestList : MediaTypes.ImageIndex;

    private string ConfigType => Docker ? DockerMediaTypes.Config : MediaTypes.ImageConfig;

    private string LayerType => Docker ? DockerMediaTypes.LayerGzip : MediaTypes.LayerGzip;

    public SeededBaseImage Build()
    {
        var shared = Layer(LayerType, ("etc/os-release", $"ID=testos\nVERSION_ID={Marker}\n"));
        var platforms = Platforms.Select(platform =>
        {
            var own = Layer(SecondLayerMediaType ?? LayerType, ($"bin/busybox-{platform.Architecture}", $"busybox {Marker} for {platform}\n"));
            var config = Blob(ConfigType, Config(platform, [shared.DiffId!.Value, own.DiffId!.Value]));
            var manifest = Blob(ManifestType, Manifest(config, [shared, own]));
            return new SeededPlatform(platform, manifest, config, [shared, own]);
        }).ToList();

        if (SingleManifest)
        {
            return new SeededBaseImage(platforms[0].Manifest, platforms, [], []);
        }

        var entries = platforms.Select(p => (p.Manifest, (ImagePlatform?)p.Platform)).ToList();
        var otherManifests = new List<SeededBlob>();
        var otherBlobs = new List<SeededBlob>();
        if (Attestation)
        {
            var statement = Blob("application/vnd.in-toto+json", $$"""{"_type":"https://in-toto.io/Statement/v0.1","marker":"{{Marker}}"}""");
            var config = Blob(MediaTypes.ImageConfig, "{}");
            var manifest = Blob(MediaTypes.ImageManifest, Manifest(config, [statement], MediaTypes.ImageManifest));
            otherBlobs.AddRange([statement, config]);
            otherManifests.Add(manifest);
            entries.Add((manifest, new ImagePlatform("unknown", "unknown", null)));
        }

        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = IndexType,
            ["manifests"] = new JsonArray([.. entries.Select(e => Descriptor(e.Manifest, e.Item2))]),
        };
        return new SeededBaseImage(Blob(IndexType, index.ToJsonString()), platforms, otherManifests, otherBlobs);
    }

    /// <summary>A gzip'd tar with the given files (the bytes need not be reproducible: their digest is computed here).</summary>
    public static SeededBlob Layer(string mediaType, params (string Path, string Text)[] files)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, path)
                {
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
                };
                writer.WriteEntry(entry);
            }
        }

        using var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(tar.ToArray());
        }

        return new SeededBlob(mediaType, gzip.ToArray(), Digest.Of(tar.ToArray()));
    }

    private string Config(ImagePlatform platform, IReadOnlyList<Digest> diffIds)
    {
        var config = new JsonObject
        {
            ["architecture"] = platform.Architecture,
            ["os"] = platform.Os,
            ["created"] = BaseCreated,
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", $"BASE_MARKER={Marker}", "SHARED=base"),
                ["Labels"] = new JsonObject { ["org.example.base"] = "yes", ["com.example.team"] = "base-team" },
                ["ExposedPorts"] = new JsonObject { ["80/tcp"] = new JsonObject() },
                ["Cmd"] = new JsonArray("/bin/sh"),
            },
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = new JsonArray([.. diffIds.Select(d => (JsonNode)d.ToString())]),
            },
            ["history"] = new JsonArray(
                new JsonObject { ["created"] = "2024-01-02T03:04:01Z", ["created_by"] = "/bin/sh -c #(nop) ADD file:os-release in /" },
                new JsonObject { ["created"] = "2024-01-02T03:04:02Z", ["created_by"] = "/bin/sh -c #(nop) ADD file:busybox in /bin", ["comment"] = "busybox" },
                new JsonObject { ["created"] = "2024-01-02T03:04:03Z", ["created_by"] = "/bin/sh -c #(nop)  CMD [\"/bin/sh\"]", ["empty_layer"] = true }),
        };
        if (platform.Variant is not null)
        {
            config["variant"] = platform.Variant;
        }

        return config.ToJsonString();
    }

    private string Manifest(SeededBlob config, IReadOnlyList<SeededBlob> layers, string? mediaType = null) => new JsonObject
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = mediaType ?? ManifestType,
        ["config"] = Descriptor(config, null),
        ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)Descriptor(l, null))]),
    }.ToJsonString();

    private static JsonObject Descriptor(SeededBlob blob, ImagePlatform? platform)
    {
        var descriptor = new JsonObject
        {
            ["mediaType"] = blob.MediaType,
            ["digest"] = blob.Digest.ToString(),
            ["size"] = blob.Bytes.Length,
        };
        if (platform is not null)
        {
            var node = new JsonObject { ["architecture"] = platform.Architecture, ["os"] = platform.Os };
            if (platform.Variant is not null)
            {
                node["variant"] = platform.Variant;
            }

            descriptor["platform"] = node;
        }

        return descriptor;
    }

    private static SeededBlob Blob(string mediaType, string json) => new(mediaType, Encoding.UTF8.GetBytes(json));
}
