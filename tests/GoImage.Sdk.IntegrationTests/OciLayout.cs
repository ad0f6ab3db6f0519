using System.Security.Cryptography;
using System.Text.Json;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>Reads an OCI layout the plain way (index.json → image index → manifests), to check what the SDK wrote.</summary>
internal sealed class OciLayout(string path)
{
    public string Path { get; } = path;

    public JsonElement IndexJson => Read(System.IO.Path.Combine(Path, "index.json"));

    /// <summary>The image index every tag names (they all name the same one).</summary>
    public string ImageIndexDigest => IndexJson.GetProperty("manifests")[0].GetProperty("digest").GetString()!;

    public JsonElement ImageIndex => Blob(ImageIndexDigest);

    public IReadOnlyList<string> Tags => IndexJson.GetProperty("manifests").EnumerateArray()
        .Select(m => m.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString()!).ToList();

    public string ManifestDigest(string architecture) => ImageIndex.GetProperty("manifests").EnumerateArray()
        .Single(m => m.GetProperty("platform").GetProperty("architecture").GetString() == architecture)
        .GetProperty("digest").GetString()!;

    public JsonElement Manifest(string architecture) => Blob(ManifestDigest(architecture));

    public JsonElement Config(string architecture) => Blob(Manifest(architecture).GetProperty("config").GetProperty("digest").GetString()!);

    public IReadOnlyList<string> LayerDigests(string architecture) => Manifest(architecture).GetProperty("layers").EnumerateArray()
        .Select(l => l.GetProperty("digest").GetString()!).ToList();

    public string BlobPath(string digest) => System.IO.Path.Combine(Path, "blobs", "sha256", digest["sha256:".Length..]);

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
