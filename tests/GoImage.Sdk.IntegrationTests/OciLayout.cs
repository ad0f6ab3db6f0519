using System.Security.Cryptography;
using System.Text.Json;
using GoImage.Testing;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>Reads an OCI layout the plain way (index.json → image index → manifests), to check what the SDK wrote.</summary>
internal sealed class OciLayout(string path)
{
    public string Path { get; } = path;

    public JsonElement IndexJson => Read(LayoutFiles.IndexPath(Path));

    /// <summary>The image index every tag names (they all name the same one).</summary>
    public string ImageIndexDigest => IndexJson.GetProperty("manifests")[0].GetProperty("digest").GetString()!;

    public JsonElement ImageIndex => Blob(ImageIndexDigest);

    /// <summary>Every ref name of index.json: the image's tags, then each SBOM's <c>sha256-&lt;manifest hex&gt;</c>.</summary>
    public IReadOnlyList<string> RefNames => IndexJson.GetProperty("manifests").EnumerateArray()
        .Select(m => m.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString()!).ToList();

    /// <summary>The image's tags: the ref names that are not a referrers index.</summary>
    public IReadOnlyList<string> Tags => RefNames.Where(n => !n.StartsWith("sha256-", StringComparison.Ordinal)).ToList();

    /// <summary>The SPDX document of one platform's image, found as a registry client would: the referrers index named sha256-&lt;manifest hex&gt;.</summary>
    public byte[] SbomBytes(string architecture)
    {
        var tag = "sha256-" + ManifestDigest(architecture)["sha256:".Length..];
        var entry = IndexJson.GetProperty("manifests").EnumerateArray()
            .Single(m => m.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString() == tag);
        var referrer = Blob(entry.GetProperty("digest").GetString()!).GetProperty("manifests").EnumerateArray()
            .Single(m => m.GetProperty("artifactType").GetString() == "application/spdx+json");
        var manifest = Blob(referrer.GetProperty("digest").GetString()!);
        Assert.AreEqual(ManifestDigest(architecture), manifest.GetProperty("subject").GetProperty("digest").GetString());
        return File.ReadAllBytes(BlobPath(manifest.GetProperty("layers")[0].GetProperty("digest").GetString()!));
    }

    public string ManifestDigest(string architecture) => ImageIndex.GetProperty("manifests").EnumerateArray()
        .Single(m => m.GetProperty("platform").GetProperty("architecture").GetString() == architecture)
        .GetProperty("digest").GetString()!;

    public JsonElement Manifest(string architecture) => Blob(ManifestDigest(architecture));

    public JsonElement Config(string architecture) => Blob(Manifest(architecture).GetProperty("config").GetProperty("digest").GetString()!);

    public IReadOnlyList<string> LayerDigests(string architecture) => Manifest(architecture).GetProperty("layers").EnumerateArray()
        .Select(l => l.GetProperty("digest").GetString()!).ToList();

    public string BlobPath(string digest) => LayoutFiles.BlobPath(Path, digest);

    public JsonElement Blob(string digest)
    {
        var bytes = File.ReadAllBytes(BlobPath(digest));
        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.AreEqual(digest, actual, "a blob's bytes must hash to its name");
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    /// <summary>Every file in the layout, relative path → bytes: for byte-for-byte comparisons.</summary>
    public SortedDictionary<string, byte[]> Files() => new(
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .ToDictionary(f => System.IO.Path.GetRelativePath(Path, f), File.ReadAllBytes),
        StringComparer.Ordinal);

    private static JsonElement Read(string file) => JsonDocument.Parse(File.ReadAllBytes(file)).RootElement.Clone();
}
