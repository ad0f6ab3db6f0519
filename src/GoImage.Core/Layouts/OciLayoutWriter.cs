using GoImage.Composition;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.IO;
using GoImage.Layers;

namespace GoImage.Layouts;

/// <summary>
/// Writes an OCI image layout (oci-layout, index.json, blobs/sha256/…) all at once: the new layout
/// is built in a sibling folder and swapped in by renames, so a failed or cancelled write leaves
/// the previous layout as it was.
/// </summary>
public static class OciLayoutWriter
{
    /// <summary>The annotation that names an index.json entry (a tag, or a referrers index's fallback tag).</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>The <c>oci-layout</c> file's bytes.</summary>
    internal static readonly byte[] LayoutMarker = new CanonicalJsonWriter().StartObject().Property("imageLayoutVersion", "1.0.0").EndObject().ToBytes();

    /// <summary>
    /// The layout's <c>index.json</c>: one entry a tag, each naming the image index; with
    /// <paramref name="withReferrers"/>, also one entry a subject's referrers index, named by the
    /// distribution spec's fallback tag <c>sha256-&lt;hex&gt;</c>, so tools find an SBOM as they would in a registry,
    /// and one entry a cosign signature or attestation, named by its tag <c>sha256-&lt;hex&gt;.sig|.att</c>.
    /// </summary>
    public static byte[] IndexJson(ImageSet image, IReadOnlyList<string> refNames, bool withReferrers = true)
    {
        var json = new CanonicalJsonWriter().StartObject()
            .Property("schemaVersion", 2)
            .Property("mediaType", MediaTypes.ImageIndex)
            .Name("manifests").StartArray();
        foreach (var refName in refNames)
        {
            Named(image.Index.Descriptor, refName).Write(json);
        }

        foreach (var (subject, index) in withReferrers ? image.ReferrerIndexes : [])
        {
            Named(index.Descriptor, ImageReferrer.FallbackTag(subject)).Write(json);
        }

        foreach (var tagged in withReferrers ? image.Tagged : [])
        {
            Named(tagged.Manifest.Descriptor, tagged.Tag).Write(json);
        }

        return json.EndArray().EndObject().ToBytes();
    }

    private static Descriptor Named(Descriptor descriptor, string refName) =>
        descriptor with { Annotations = new Dictionary<string, string> { [RefNameAnnotation] = refName } };

    /// <summary>
    /// Writes the layout unless an identical one is already there (every blob hashed, not just sized);
    /// returns whether it wrote. An existing layout with an altered blob is reported to <paramref name="warn"/> and rewritten.
    /// </summary>
    public static bool Write(string layoutPath, ImageSet image, IReadOnlyList<string> tags, CancellationToken cancellationToken, Action<Diagnostic>? warn = null)
    {
        layoutPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(layoutPath));
        var existing = FileNode.Of(layoutPath, followLinks: true).Kind;
        if (existing is not (FileNodeKind.Missing or FileNodeKind.Directory))
        {
            throw new GoImageException(Diagnostic.Error("OutputNotRegular", "ContainerImageLayoutPath", layoutPath, ContainerFileSource.Describe(existing), "a folder"));
        }

        var parent = Path.GetDirectoryName(layoutPath)!;
        var name = Path.GetFileName(layoutPath);
        TempPaths.RemoveStale(parent, $".{name}.");
        var indexJson = IndexJson(image, tags);
        if (IsCurrent(layoutPath, image, indexJson, warn, cancellationToken))
        {
            return false;
        }

        Directory.CreateDirectory(parent);
        var staging = TempPaths.For(Path.Combine(parent, "." + name));
        try
        {
            WriteContents(staging, image, indexJson, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            Swap(staging, layoutPath);
            return true;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    internal static void WriteContents(string directory, ImageSet image, byte[] indexJson, CancellationToken cancellationToken)
    {
        var blobs = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        foreach (var layer in image.LayerBlobs)
        {
            CopyVerified(layer, Path.Combine(blobs, layer.Digest.Hex), directory, cancellationToken);
        }

        foreach (var blob in image.JsonBlobs.Concat(image.ReferrerBlobs))
        {
            File.WriteAllBytes(Path.Combine(blobs, blob.Descriptor.Digest.Hex), blob.Content);
        }

        File.WriteAllBytes(Path.Combine(directory, "oci-layout"), LayoutMarker);
        File.WriteAllBytes(Path.Combine(directory, "index.json"), indexJson);
    }

    // Hashes while copying, in chunks that watch the token: a blob altered since ImageLayer verified it never lands.
    private static void CopyVerified(Layer layer, string destination, string layoutPath, CancellationToken cancellationToken)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        using (var input = new FileStream(layer.BlobPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
        {
            var buffer = new byte[256 * 1024];
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
            }
        }

        if (Digest.FromHash(hash.GetCurrentHash()) != layer.Digest)
        {
            throw new GoImageException(Diagnostic.Error("LayerBlobChanged", layer.BlobPath, layer.Digest, layoutPath));
        }
    }

    // Directory renames are atomic; between the two there is a moment with no layout, never a mixed one.
    private static void Swap(string staging, string layoutPath)
    {
        if (!Directory.Exists(layoutPath))
        {
            Directory.Move(staging, layoutPath);
            return;
        }

        var old = staging + ".old";
        Directory.Move(layoutPath, old);
        try
        {
            Directory.Move(staging, layoutPath);
        }
        catch
        {
            Directory.Move(old, layoutPath);
            throw;
        }

        Directory.Delete(old, recursive: true);
    }

    // Current only when index.json is the same and every blob is present and hashes to its name.
    private static bool IsCurrent(string layoutPath, ImageSet image, byte[] indexJson, Action<Diagnostic>? warn, CancellationToken cancellationToken)
    {
        var indexPath = Path.Combine(layoutPath, "index.json");
        if (!File.Exists(indexPath) || !File.ReadAllBytes(indexPath).AsSpan().SequenceEqual(indexJson))
        {
            return false;
        }

        var blobs = Path.Combine(layoutPath, "blobs", "sha256");
        foreach (var (digest, size) in image.LayerBlobs.Select(l => (l.Digest, l.Size)).Concat(image.JsonBlobs.Concat(image.ReferrerBlobs).Select(b => (b.Descriptor.Digest, b.Descriptor.Size))))
        {
            var path = Path.Combine(blobs, digest.Hex);
            var node = FileNode.Of(path, followLinks: false);
            if (node.Kind == FileNodeKind.Missing)
            {
                return false;
            }

            if (node.Kind != FileNodeKind.Regular || node.Size != size || Hashing.OfFile(path, cancellationToken) != digest)
            {
                warn?.Invoke(Diagnostic.Warning("LayoutBlobRepaired", layoutPath, digest));
                return false;
            }
        }

        return true;
    }
}
