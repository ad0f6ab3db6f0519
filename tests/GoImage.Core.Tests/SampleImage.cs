using GoImage.Composition;
using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Core.Tests;

/// <summary>
/// The inputs behind the golden files: a small layer that exercises every tar header form the
/// writer has, and configs, manifests and an index that exercise every JSON field. Changing
/// anything here changes golden bytes on purpose.
/// </summary>
internal static class SampleImage
{
    /// <summary>SOURCE_DATE_EPOCH of the samples: 2023-11-14T22:13:20Z.</summary>
    public const long Mtime = 1700000000;

    public const int Mode0644 = 0b110_100_100;
    public const int Mode0750 = 0b111_101_000;
    public const int Mode0755 = 0b111_101_101;

    /// <summary>119 characters: too long for ustar's name field, short enough for its prefix split.</summary>
    public static readonly string SplitPath = "opt/" + new string('d', 50) + "/" + new string('f', 60) + ".txt";

    /// <summary>317 characters: more than ustar's 255, so only a PAX record can hold it (and its deeper parents).</summary>
    public static readonly string PaxPath =
        "srv/" + string.Join('/', Enumerable.Range(0, 5).Select(i => new string((char)('a' + i), 60))) + "/leaf.txt";

    /// <summary>Non-ASCII: ustar names are ASCII here, so this one needs a PAX record although it is short.</summary>
    public const string UnicodePath = "etc/app/grüße.txt";

    public static DateTimeOffset Created => SourceDateEpoch.ToTime(Mtime);

    public static LayerContent SmallLayer() => LayerContent.Create(
        "sample",
        [
            LayerEntry.Directory("etc/app", Mode0750),
            LayerEntry.File("etc/app/config.txt", "greeting=hi\n"u8.ToArray()),
            LayerEntry.File(UnicodePath, "grüße\n"u8.ToArray()),
            LayerEntry.File("app/hello", "#!not really a Go binary\n"u8.ToArray(), Mode0755) with { Uid = 65532, Gid = 65532 },
            LayerEntry.Symlink("usr/bin/hello", "/app/hello"),
            LayerEntry.File(SplitPath, "split\n"u8.ToArray()),
            LayerEntry.File(PaxPath, "pax\n"u8.ToArray()),
        ],
        Mtime);

    public static ImagePlatform Amd64 { get; } = new("linux", "amd64", null);

    public static ImagePlatform ArmV7 { get; } = new("linux", "arm", "v7");

    /// <summary>Every config field this SDK writes, with values that need escaping and one that must not be escaped (<c>+</c>).</summary>
    public static ContainerConfig Container { get; } = new()
    {
        User = "65532:65532",
        ExposedPorts = ["8080/tcp", "53/udp", "8080/tcp"],
        Environment = ["PATH=/usr/local/bin:/usr/bin:/bin", "GREETING=Grüße \"world\"\tand\\more"],
        Entrypoint = ["/app/hello"],
        Cmd = ["--port", "8080"],
        WorkingDirectory = "/app",
        Labels = new Dictionary<string, string>
        {
            ["org.opencontainers.image.version"] = "1.4.2+build.5",
            ["com.example.team"] = "platform",
        },
        HealthCheck = new HealthCheck(["/app/hello", "health"], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(90), 3),
    };

    public static IReadOnlyDictionary<string, string> Annotations { get; } = new Dictionary<string, string>
    {
        ["org.opencontainers.image.version"] = "1.4.2+build.5",
        ["org.opencontainers.image.created"] = "2023-11-14T22:13:20Z",
        ["org.opencontainers.image.source"] = "https://example.com/shop/api",
    };

    /// <summary>The small layer's descriptor values, pinned by <see cref="LayerGoldenTests"/>.</summary>
    public static Descriptor SmallLayerDescriptor => new(MediaTypes.LayerGzip, ParseDigest(Layers.LayerGoldenTests.SmallLayerDigest), Layers.LayerGoldenTests.SmallLayerSize);

    public static ImageBlob Config(ImagePlatform platform) => new ImageConfig(platform, Container, Created)
    {
        DiffIds = [ParseDigest(Layers.LayerGoldenTests.SmallLayerDiffId)],
        History = [new HistoryEntry("GoImage.Sdk: sample", "the golden small layer")],
    }.ToBlob();

    public static ImageBlob Manifest(ImagePlatform platform) =>
        new ImageManifest(Config(platform).Descriptor, [SmallLayerDescriptor]) { Annotations = Annotations }.ToBlob();

    public static ImageBlob Index() => new ImageIndex(
        [
            Manifest(Amd64).Descriptor with { Platform = Amd64 },
            Manifest(ArmV7).Descriptor with { Platform = ArmV7 },
        ])
    {
        Annotations = Annotations,
    }.ToBlob();

    /// <summary>Writes the small layer and a per-platform app layer into <paramref name="directory"/> and assembles the image (amd64 and arm/v7 unless told).</summary>
    public static ImageSet Assemble(string directory, IReadOnlyList<ImagePlatform>? platforms = null)
    {
        var definition = new ImageDefinition("shop/api", ["1.4.2", "latest"], Container, Created) { Annotations = Annotations };
        var shared = WriteLayer(directory, SmallLayer());
        var apps = (platforms ?? [Amd64, ArmV7])
            .Select(p => (p, WriteLayer(directory, LayerContent.Create(
                $"/app/hello ({p})", [LayerEntry.File("app/hello", System.Text.Encoding.UTF8.GetBytes($"binary for {p}\n"), Mode0755)], Mtime))))
            .ToList();
        return ImageAssembler.Assemble(definition, [shared], apps);
    }

    public static Layer WriteLayer(string directory, LayerContent content)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, content.CacheKey(LayerCompression.Gzip, CancellationToken.None) + ".tar.gz");
        using var output = File.Create(path);
        return LayerWriter.Write(content, LayerCompression.Gzip, output, path, CancellationToken.None);
    }

    public static Digest ParseDigest(string text)
    {
        Assert.IsTrue(Digest.TryParse(text, out var digest), $"'{text}' is not a digest");
        return digest;
    }
}
