using System.Security.Cryptography;
using System.Text;
using GoImage.Images;
using GoImage.Testing;

namespace GoImage.Core.Tests.Registry;

/// <summary>
/// A small multi-platform image written as an OCI layout, for push tests: a layer shared by every platform, one
/// layer per platform and a config per platform, all with random (incompressible) bytes, so two layouts never
/// share a blob unless a test makes them.
/// </summary>
internal sealed class TestLayout
{
    private TestLayout(string path, ImageBlob index, IReadOnlyList<ImageBlob> manifests, IReadOnlyDictionary<Digest, byte[]> blobs, IReadOnlyList<Digest> layers)
    {
        Path = path;
        Index = index;
        Manifests = manifests;
        Blobs = blobs;
        Layers = layers;
    }

    /// <summary>The layout's folder (oci-layout, index.json, blobs/sha256/…).</summary>
    public string Path { get; }

    /// <summary>The image index: its exact bytes and its digest.</summary>
    public ImageBlob Index { get; }

    public Digest IndexDigest => Index.Descriptor.Digest;

    /// <summary>One manifest per platform, in index order.</summary>
    public IReadOnlyList<ImageBlob> Manifests { get; }

    /// <summary>Every config and layer, by digest: what a push must upload.</summary>
    public IReadOnlyDictionary<Digest, byte[]> Blobs { get; }

    /// <summary>The layers: the shared one first, then one per platform.</summary>
    public IReadOnlyList<Digest> Layers { get; }

    /// <summary>Writes an image for <c>linux/amd64</c> and <c>linux/arm64</c> (unless told otherwise) under <paramref name="directory"/>.</summary>
    public static TestLayout Write(string directory, int layerSize = 48 << 10, IReadOnlyList<ImagePlatform>? platforms = null)
    {
        platforms ??= [new ImagePlatform("linux", "amd64", null), new ImagePlatform("linux", "arm64", "v8")];
        var blobs = new Dictionary<Digest, byte[]>();
        var shared = Add(blobs, MediaTypes.LayerGzip, RandomNumberGenerator.GetBytes(layerSize));
        var layers = new List<Digest> { shared.Digest };
        var manifests = new List<ImageBlob>();
        foreach (var platform in platforms)
        {
            var own = Add(blobs, MediaTypes.LayerGzip, RandomNumberGenerator.GetBytes(layerSize + 1000));
            layers.Add(own.Digest);

            // The diff_ids need not be true for a registry; the nonce keeps two test images' configs apart.
            var config = Encoding.UTF8.GetBytes(
                $$$"""{"architecture":"{{{platform.Architecture}}}","os":"{{{platform.Os}}}","config":{"Env":["NONCE={{{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}}}"]},"rootfs":{"type":"layers","diff_ids":["{{{shared.Digest}}}","{{{own.Digest}}}"]}}""");
            var configDescriptor = Add(blobs, MediaTypes.ImageConfig, config);
            manifests.Add(new ImageManifest(configDescriptor, [shared, own]).ToBlob());
        }

        var index = new ImageIndex(manifests.Select((m, i) => m.Descriptor with { Platform = platforms[i] }).ToList()).ToBlob();

        Directory.CreateDirectory(LayoutFiles.BlobsFolder(directory));
        File.WriteAllText(LayoutFiles.MarkerPath(directory), LayoutFiles.MarkerJson);
        File.WriteAllText(
            LayoutFiles.IndexPath(directory),
            $$"""{"schemaVersion":2,"manifests":[{"mediaType":"{{MediaTypes.ImageIndex}}","digest":"{{index.Descriptor.Digest}}","size":{{index.Descriptor.Size}}}]}""");
        foreach (var (digest, bytes) in blobs)
        {
            WriteBlob(directory, digest, bytes);
        }

        foreach (var json in manifests.Append(index))
        {
            WriteBlob(directory, json.Descriptor.Digest, json.Content);
        }

        return new TestLayout(directory, index, manifests, blobs, layers);
    }

    private static Descriptor Add(Dictionary<Digest, byte[]> blobs, string mediaType, byte[] bytes)
    {
        var digest = Digest.Of(bytes);
        blobs[digest] = bytes;
        return new Descriptor(mediaType, digest, bytes.Length);
    }

    private static void WriteBlob(string directory, Digest digest, byte[] bytes) =>
        File.WriteAllBytes(LayoutFiles.BlobPath(directory, digest.ToString()), bytes);
}
