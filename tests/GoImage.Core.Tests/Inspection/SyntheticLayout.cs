using System.Globalization;
using System.Text;
using GoImage.Images;
using GoImage.Inspection;
using GoImage.Layers;
using GoImage.Testing;

namespace GoImage.Core.Tests.Inspection;

/// <summary>
/// Writes a real OCI layout from <see cref="SyntheticPlatform"/>s: gzip tar layers, configs, manifests, an
/// image index, and for platforms with an SBOM an SPDX referrer manifest plus the <c>sha256-&lt;hex&gt;</c>
/// referrers index entry in index.json, as the SBOM contract lays it out.
/// </summary>
internal sealed class SyntheticLayout
{
    public const string EmptyConfigDigest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    private SyntheticLayout(string path) => Path = path;

    public string Path { get; }

    /// <summary>The image: the index, or the one manifest when written with <c>singleManifest</c>.</summary>
    public Descriptor Image { get; private set; } = null!;

    public List<Descriptor> Manifests { get; } = [];

    public List<Descriptor> Configs { get; } = [];

    public List<IReadOnlyList<Descriptor>> Layers { get; } = [];

    /// <summary>Per platform, the SBOM referrer manifest and the SPDX document (null without an SBOM).</summary>
    public List<(Descriptor Manifest, Descriptor Document)?> Sboms { get; } = [];

    public static SyntheticLayout Write(
        string directory, IReadOnlyList<SyntheticPlatform> platforms, IReadOnlyList<string>? tags = null, bool singleManifest = false,
        IReadOnlyDictionary<string, string>? indexAnnotations = null)
    {
        var layout = new SyntheticLayout(directory);
        Directory.CreateDirectory(LayoutFiles.BlobsFolder(directory));
        var extraEntries = new List<Descriptor>();
        foreach (var platform in platforms)
        {
            var layers = platform.Layers.Select(files => layout.WriteLayer(files, platform.Mtime)).ToList();
            var config = layout.WriteBlob(new ImageConfig(platform.Platform, platform.Config, platform.Created)
            {
                DiffIds = layers.Select(l => l.DiffId).ToList(),
            }.ToBlob());
            var manifest = layout.WriteBlob(new ImageManifest(config, layers.Select(l => l.Descriptor).ToList()).ToBlob());
            layout.Configs.Add(config);
            layout.Layers.Add(layers.Select(l => l.Descriptor).ToList());
            layout.Manifests.Add(manifest with { Platform = platform.Platform });
            if (platform.SbomPackages is { } packages)
            {
                var sbom = layout.WriteSbom(manifest, packages);
                layout.Sboms.Add(sbom.Pair);
                extraEntries.Add(sbom.ReferrersIndex with
                {
                    Annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "sha256-" + manifest.Digest.Hex },
                });
            }
            else
            {
                layout.Sboms.Add(null);
            }
        }

        layout.Image = singleManifest
            ? layout.Manifests[0] with { Platform = null }
            : layout.WriteBlob(new ImageIndex(layout.Manifests) { Annotations = indexAnnotations ?? new Dictionary<string, string>() }.ToBlob());
        var entries = (tags ?? ["1.0"])
            .Select(t => layout.Image with { Annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = t } })
            .Concat(extraEntries);
        var index = new CanonicalJsonWriter().StartObject().Property("schemaVersion", 2).Property("mediaType", MediaTypes.ImageIndex).Name("manifests").StartArray();
        foreach (var entry in entries)
        {
            entry.Write(index);
        }

        File.WriteAllBytes(LayoutFiles.IndexPath(directory), index.EndArray().EndObject().ToBytes());
        File.WriteAllText(LayoutFiles.MarkerPath(directory), LayoutFiles.MarkerJson);
        return layout;
    }

    public string BlobPath(Digest digest) => LayoutFiles.BlobPath(Path, digest.ToString());

    private Descriptor WriteBlob(ImageBlob blob)
    {
        File.WriteAllBytes(BlobPath(blob.Descriptor.Digest), blob.Content);
        return blob.Descriptor;
    }

    private Descriptor WriteBlob(string mediaType, byte[] bytes) => WriteBlob(ImageBlob.Create(mediaType, bytes));

    private (Descriptor Descriptor, Digest DiffId) WriteLayer(IReadOnlyList<LayerEntry> files, long mtime)
    {
        var content = LayerContent.Create("synthetic", files, mtime);
        using var tar = new MemoryStream();
        new LayerTarWriter(tar, mtime).Write(content.Entries, CancellationToken.None);
        using var compressed = new MemoryStream();
        using (var gzip = new PinnedGzipStream(compressed))
        {
            gzip.Write(tar.ToArray());
            gzip.Finish();
        }

        var descriptor = WriteBlob(MediaTypes.LayerGzip, compressed.ToArray());
        return (descriptor, Digest.Of(tar.ToArray()));
    }

    private ((Descriptor, Descriptor) Pair, Descriptor ReferrersIndex) WriteSbom(Descriptor subject, int packages)
    {
        var spdx = new StringBuilder("""{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"synthetic","packages":[""");
        spdx.AppendJoin(',', Enumerable.Range(0, packages).Select(i => string.Create(CultureInfo.InvariantCulture, $$"""{"SPDXID":"SPDXRef-Package-{{i}}","name":"p{{i}}"}""")));
        spdx.Append("]}");
        var document = WriteBlob(MediaTypes.SpdxJson, Encoding.UTF8.GetBytes(spdx.ToString()));
        File.WriteAllText(BlobPath(new Digest(EmptyConfigDigest["sha256:".Length..])), "{}");
        var manifest = WriteBlob(MediaTypes.ImageManifest, Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"mediaType":"{{{MediaTypes.ImageManifest}}}","artifactType":"application/spdx+json","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"{{{EmptyConfigDigest}}}","size":2,"data":"e30="},"layers":[{"mediaType":"application/spdx+json","digest":"{{{document.Digest}}}","size":{{{document.Size}}}}],"subject":{"mediaType":"{{{subject.MediaType}}}","digest":"{{{subject.Digest}}}","size":{{{subject.Size}}}},"annotations":{"org.opencontainers.image.created":"1970-01-01T00:00:00Z"}}"""));
        var referrers = WriteBlob(MediaTypes.ImageIndex, Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.ImageIndex}}","manifests":[{"mediaType":"{{MediaTypes.ImageManifest}}","digest":"{{manifest.Digest}}","size":{{manifest.Size}},"artifactType":"application/spdx+json"}]}"""));
        return ((manifest, document), referrers);
    }
}
