using System.Security.Cryptography;
using System.Text.Json;
using GoImage.Composition;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.IO;
using GoImage.Layers;

namespace GoImage.Layouts;

/// <summary>
/// An OCI image layout: a folder with <c>oci-layout</c>, <c>index.json</c> and <c>blobs/sha256/&lt;hex&gt;</c>.
/// The one place that knows that shape: publishing writes through it, and pushing, inspecting, verifying and the
/// tool's summary read through it. Every blob read is checked against its descriptor (size, then digest), so a
/// layout changed on disk is reported as such, never passed on.
/// </summary>
public sealed class OciLayout
{
    /// <summary>The annotation that names an index.json entry (a tag, or a referrers index's fallback tag).</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    private const string IndexFile = "index.json";
    private const string MarkerFile = "oci-layout";

    /// <summary>The <c>oci-layout</c> file's bytes.</summary>
    internal static readonly byte[] Marker = new CanonicalJsonWriter().StartObject().Property("imageLayoutVersion", "1.0.0").EndObject().ToBytes();

    private OciLayout(string path, string shownAs, IReadOnlyList<LayoutEntry> entries)
    {
        Path = path;
        ShownAs = shownAs;
        Entries = entries;
    }

    /// <summary>The layout folder, full path.</summary>
    public string Path { get; }

    /// <summary>What messages call the layout: its folder, or the tarball it was unpacked from.</summary>
    public string ShownAs { get; }

    /// <summary>index.json's entries, in order.</summary>
    public IReadOnlyList<LayoutEntry> Entries { get; }

    /// <summary>Whether <paramref name="path"/> looks like a layout: a folder with <c>index.json</c>.</summary>
    public static bool IsLayout(string path) => File.Exists(System.IO.Path.Combine(path, IndexFile));

    /// <summary>A blob's name inside a layout (and inside a layout tarball): <c>blobs/sha256/&lt;hex&gt;</c>.</summary>
    public static string BlobName(Digest digest) => $"blobs/sha256/{digest.Hex}";

    /// <summary>Opens the layout at <paramref name="path"/> and reads its index.json (GOI4051 when it has none or it is not an index).</summary>
    /// <param name="shownAs">What to call the layout in messages, when not its folder (a tarball unpacked to a temporary folder).</param>
    public static OciLayout Open(string path, string? shownAs = null)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        shownAs ??= full;
        var indexPath = System.IO.Path.Combine(full, IndexFile);
        if (!File.Exists(indexPath))
        {
            throw new GoImageException(Diagnostic.LayoutUnreadable(shownAs));
        }

        try
        {
            var entries = ManifestDocument.ParseIndex(File.ReadAllBytes(indexPath), IndexFile).Manifests
                .Select(d => new LayoutEntry(d, d.Annotations.TryGetValue(RefNameAnnotation, out var name) ? name : null))
                .ToList();
            return new OciLayout(full, shownAs, entries);
        }
        catch (FormatException e)
        {
            throw new GoImageException(Diagnostic.LayoutIndexInvalid(shownAs, e.Message));
        }
    }

    /// <summary>
    /// The image a command means: the entry named <paramref name="tag"/> (the whole ref name, or what follows its
    /// last ':' as in <c>repo:tag</c>), or without a tag the first entry that is not a referrers index.
    /// </summary>
    public LayoutEntry Select(string? tag) => Select(ShownAs, Entries, tag);

    internal static LayoutEntry Select(string shownAs, IReadOnlyList<LayoutEntry> entries, string? tag)
    {
        var images = entries.Where(e => !e.IsReferrersIndex).ToList();
        if (tag is null)
        {
            return images.FirstOrDefault()
                ?? throw new GoImageException(Diagnostic.LayoutIndexEmpty(shownAs));
        }

        var named = images.FirstOrDefault(e => e.RefName == tag)
            ?? images.FirstOrDefault(e => e.RefName is { } name && name.EndsWith(":" + tag, StringComparison.Ordinal));
        if (named is null)
        {
            var names = images.Select(e => e.RefName).OfType<string>().ToList();
            throw new GoImageException(Diagnostic.LayoutTagNotFound(shownAs, tag, names.Count == 0 ? "no named image" : string.Join(", ", names.Select(n => $"'{n}'"))));
        }

        return named;
    }

    /// <summary>A whole blob, checked against <paramref name="blob"/>'s size and digest; <paramref name="role"/> names it in errors.</summary>
    public byte[] ReadBlob(Descriptor blob, string role = "blob")
    {
        CheckBlob(blob, role);
        return ReadBlob(blob.Digest, role);
    }

    /// <summary>A whole blob whose size is not known (the index a caller names by digest), checked against <paramref name="digest"/>.</summary>
    public byte[] ReadBlob(Digest digest, string role = "blob")
    {
        var path = BlobPath(digest);
        if (!File.Exists(path))
        {
            throw Missing(digest, role);
        }

        var bytes = File.ReadAllBytes(path);
        return Digest.Of(bytes) == digest ? bytes : throw Corrupt(digest, role);
    }

    /// <summary>A manifest or index blob, read, checked and parsed (GOI2083 when it is not one).</summary>
    public ManifestDocument ReadManifest(Descriptor manifest, string role = "manifest") =>
        ParseManifest(manifest.Digest, ReadBlob(manifest, role), manifest.MediaType, role);

    /// <summary>Like <see cref="ReadManifest(Descriptor, string)"/> with the exact bytes, for callers that pass them on.</summary>
    public ManifestDocument ParseManifest(Digest digest, byte[] bytes, string? mediaType, string role = "manifest") =>
        Parsed(digest, role, () => ManifestDocument.Parse(bytes, string.IsNullOrEmpty(mediaType) ? null : mediaType));

    /// <summary>
    /// A blob as a stream, for layers: its size is checked now and its digest as the last byte is read, so a
    /// reader that reaches the end has read exactly the bytes the descriptor names.
    /// </summary>
    public Stream OpenBlob(Descriptor blob, string role = "layer")
    {
        CheckBlob(blob, role);
        var stream = new FileStream(BlobPath(blob.Digest), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return new VerifyingStream(stream, blob.Digest, () => Corrupt(blob.Digest, role));
    }

    /// <summary>That a blob is there with the descriptor's size, without reading it (before a push starts uploading).</summary>
    public void CheckBlob(Descriptor blob, string role = "blob")
    {
        var node = FileNode.Of(BlobPath(blob.Digest), followLinks: true);
        if (node.Kind == FileNodeKind.Missing)
        {
            throw Missing(blob.Digest, role);
        }

        if (node.Kind != FileNodeKind.Regular || node.Size != blob.Size)
        {
            throw new GoImageException(Diagnostic.LayoutBlobWrongSize(ShownAs, role, blob.Digest, node.Size, blob.Size));
        }
    }

    /// <summary>
    /// That every one of <paramref name="blobs"/> is there with its size (all first, cheap), then that each hashes to
    /// its digest (GOI2081 naming the first that does not): a push calls this before it sends anything, so a layout
    /// changed on disk after it was signed reaches no registry, not even in part. A blob the layout's fingerprint
    /// record shows untouched since it was written or last hashed (any write moves its ctime) is not read again.
    /// </summary>
    public void VerifyBlobs(IReadOnlyCollection<Descriptor> blobs, CancellationToken cancellationToken)
    {
        foreach (var blob in blobs)
        {
            CheckBlob(blob);
        }

        var fingerprints = VerifiedFingerprintRecord.Read(FingerprintRecordPath(Path));
        var unproven = blobs.Where(b => !fingerprints.Matches(BlobName(b.Digest), BlobPath(b.Digest))).ToList();

        // Both cores: hashing a layout is disk- and CPU-bound and its blobs are independent.
        var changed = new System.Collections.Concurrent.ConcurrentBag<Digest>();
        Parallel.ForEach(
            unproven.OrderByDescending(b => b.Size),
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            blob =>
            {
                if (Digest.OfFile(BlobPath(blob.Digest), cancellationToken) != blob.Digest)
                {
                    changed.Add(blob.Digest);
                }
            });
        if (!changed.IsEmpty)
        {
            throw Corrupt(changed.OrderBy(d => d.Hex, StringComparer.Ordinal).First(), "blob");
        }

        foreach (var blob in unproven)
        {
            fingerprints.Add(BlobName(blob.Digest), BlobPath(blob.Digest));
        }

        fingerprints.Save();
    }

    /// <summary>
    /// The fingerprints of a layout's blobs as they were when written or last hashed: a hidden file beside the folder
    /// (never inside it, which holds only what the OCI spec names), <c>.image-blobs.verified</c> for <c>…/image</c> (not <c>.image.*</c>, the staging folders' names).
    /// </summary>
    public static string FingerprintRecordPath(string layoutPath)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(layoutPath));
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}-blobs.verified");
    }

    /// <summary>Each of <paramref name="subjects"/> that has referrers here, with their manifests (read and checked).</summary>
    public IReadOnlyList<LayoutReferrers> Referrers(IReadOnlySet<Digest> subjects)
    {
        var result = new List<LayoutReferrers>();
        foreach (var entry in Entries)
        {
            if (!ImageReferrer.TryParseFallbackTag(entry.RefName, out var subject) || !subjects.Contains(subject))
            {
                continue;
            }

            var manifests = ReadIndex(entry.Descriptor, "referrers index").Manifests.Select(d => new ImageBlob(d, ReadBlob(d, "referrer manifest"))).ToList();
            result.Add(new LayoutReferrers(subject, manifests));
        }

        return result;
    }

    /// <summary>
    /// The manifests named by a tag derived from one of <paramref name="subjects"/> (cosign's <c>sha256-&lt;hex&gt;.sig</c>
    /// and <c>.att</c>), with that tag, read and checked: a push puts each at its tag.
    /// </summary>
    public IReadOnlyList<(string Tag, ImageBlob Manifest)> TaggedManifests(IReadOnlySet<Digest> subjects) =>
        Entries.Where(e => TaggedArtifact.TryParseTag(e.RefName, out var subject, out _) && subjects.Contains(subject))
            .Select(e => (e.RefName!, new ImageBlob(e.Descriptor, ReadBlob(e.Descriptor, e.RefName!))))
            .ToList();

    /// <summary>The manifests that refer to <paramref name="subject"/>, as its referrers index lists them: those of <paramref name="artifactType"/>, or all when it is null.</summary>
    public IReadOnlyList<Descriptor> FindReferrers(Digest subject, string? artifactType)
    {
        var tag = ImageReferrer.FallbackTag(subject);
        var entry = Entries.FirstOrDefault(e => e.RefName == tag);
        return entry is null ? [] : ImageReferrer.Listed(ReadIndex(entry.Descriptor, "referrers index"), artifactType);
    }

    private ManifestDocument ReadIndex(Descriptor descriptor, string role)
    {
        var bytes = ReadBlob(descriptor, role);
        return Parsed(descriptor.Digest, role, () => ManifestDocument.ParseIndex(bytes, $"the {role}"));
    }

    // The one place a layout's manifest or index that does not parse becomes GOI2083.
    private ManifestDocument Parsed(Digest digest, string role, Func<ManifestDocument> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new GoImageException(Diagnostic.LayoutManifestInvalid(ShownAs, role, digest, e.Message));
        }
    }

    private string BlobPath(Digest digest) => System.IO.Path.Combine(Path, "blobs", "sha256", digest.Hex);

    private GoImageException Missing(Digest digest, string role) =>
        new(Diagnostic.LayoutBlobMissing(ShownAs, role, digest, BlobName(digest)));

    private GoImageException Corrupt(Digest digest, string role) =>
        new(Diagnostic.LayoutBlobCorrupt(ShownAs, role, digest, BlobName(digest)));

    /// <summary>An index.json: the entries in order, canonical JSON (the bytes are part of what reproducibility pins).</summary>
    public static byte[] IndexJson(IEnumerable<Descriptor> entries) => new ImageIndex(entries.ToList()).ToBlob().Content;

    /// <summary><paramref name="descriptor"/> as an index.json entry named <paramref name="refName"/>.</summary>
    public static Descriptor Named(Descriptor descriptor, string refName) =>
        descriptor with { Annotations = new Dictionary<string, string> { [RefNameAnnotation] = refName } };

    /// <summary>Writes <paramref name="image"/> named by <paramref name="tags"/>, with its referrers; see <see cref="Write(string, LayoutContents, CancellationToken, Action{Diagnostic}?)"/>.</summary>
    public static bool Write(string layoutPath, ImageSet image, IReadOnlyList<string> tags, CancellationToken cancellationToken, Action<Diagnostic>? warn = null) =>
        Write(layoutPath, LayoutContents.Of(image, tags), cancellationToken, warn);

    /// <summary>
    /// Writes a layout all at once unless an identical one is already there (every blob hashed, not just sized, unless
    /// the fingerprint record shows it untouched since it was written or last hashed); returns whether it wrote. The new layout is built in a sibling folder and swapped in by renames, so a failed
    /// or cancelled write leaves the previous layout as it was. An existing layout with an altered blob is reported
    /// to <paramref name="warn"/> and rewritten.
    /// </summary>
    public static bool Write(string layoutPath, LayoutContents contents, CancellationToken cancellationToken, Action<Diagnostic>? warn = null)
    {
        layoutPath = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(layoutPath));
        var existing = FileNode.Of(layoutPath, followLinks: true).Kind;
        if (existing is not (FileNodeKind.Missing or FileNodeKind.Directory))
        {
            throw new GoImageException(Diagnostic.OutputNotRegular("ContainerImageLayoutPath", layoutPath, ContainerFileSource.Describe(existing), "a folder"));
        }

        var parent = System.IO.Path.GetDirectoryName(layoutPath)!;
        var name = System.IO.Path.GetFileName(layoutPath);
        TempPaths.RemoveStale(parent, $".{name}.");
        var indexJson = contents.IndexJson;
        var recordPath = FingerprintRecordPath(layoutPath);
        var fingerprints = VerifiedFingerprintRecord.Read(recordPath);
        if (IsCurrent(layoutPath, contents, indexJson, fingerprints, warn, cancellationToken))
        {
            fingerprints.Save();
            return false;
        }

        Directory.CreateDirectory(parent);
        var staging = TempPaths.For(System.IO.Path.Combine(parent, "." + name));
        try
        {
            WriteContents(staging, contents, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            Swap(staging, layoutPath);

            // Every blob was just written from bytes proven to match (a layer hashed as it was copied): fingerprinted
            // now, a push or the next publish need not read them again. Renaming the folder moved none of their ctimes.
            var written = VerifiedFingerprintRecord.Empty(recordPath);
            foreach (var (digest, _) in BlobsOf(contents))
            {
                written.Add(BlobName(digest), System.IO.Path.Combine(layoutPath, BlobName(digest)));
            }

            written.Save();
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

    /// <summary>
    /// The layout's files, relative names with '/': <c>oci-layout</c>, <c>index.json</c>, the layers (copied from
    /// their files), then the JSON blobs, each blob once. A folder or a tarball (ImageArchiveWriter) is written from this.
    /// </summary>
    public static IEnumerable<LayoutFile> Files(LayoutContents contents)
    {
        yield return new LayoutFile(MarkerFile, Marker, null);
        yield return new LayoutFile(IndexFile, contents.IndexJson, null);
        foreach (var layer in contents.Layers.DistinctBy(l => l.Digest))
        {
            yield return new LayoutFile(BlobName(layer.Digest), null, layer);
        }

        foreach (var blob in contents.Blobs.DistinctBy(b => b.Descriptor.Digest))
        {
            yield return new LayoutFile(BlobName(blob.Descriptor.Digest), blob.Content, null);
        }
    }

    private static void WriteContents(string directory, LayoutContents contents, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(directory, "blobs", "sha256"));
        foreach (var file in Files(contents))
        {
            var path = System.IO.Path.Combine(directory, file.Name);
            if (file.Layer is { } layer)
            {
                CopyVerified(layer, path, directory, cancellationToken);
            }
            else
            {
                File.WriteAllBytes(path, file.Content!);
            }
        }
    }

    // Hashes while copying, in chunks that watch the token: a blob altered since ImageLayer verified it never lands.
    private static void CopyVerified(Layer layer, string destination, string layoutPath, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
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
            throw new GoImageException(Diagnostic.LayerBlobChanged(layer.BlobPath, layer.Digest, layoutPath));
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

    private static IEnumerable<(Digest Digest, long Size)> BlobsOf(LayoutContents contents) =>
        contents.Layers.Select(l => (l.Digest, l.Size)).Concat(contents.Blobs.Select(b => (b.Descriptor.Digest, b.Descriptor.Size))).Distinct();

    // Current only when index.json is the same and every blob is present and hashes to its name (or is fingerprinted
    // as untouched since it last did); blobs hashed here join the record.
    private static bool IsCurrent(
        string layoutPath, LayoutContents contents, byte[] indexJson, VerifiedFingerprintRecord fingerprints, Action<Diagnostic>? warn, CancellationToken cancellationToken)
    {
        var indexPath = System.IO.Path.Combine(layoutPath, IndexFile);
        if (!File.Exists(indexPath) || !File.ReadAllBytes(indexPath).AsSpan().SequenceEqual(indexJson))
        {
            return false;
        }

        foreach (var (digest, size) in BlobsOf(contents))
        {
            var name = BlobName(digest);
            var path = System.IO.Path.Combine(layoutPath, name);
            var node = FileNode.Of(path, followLinks: false);
            if (node.Kind == FileNodeKind.Missing)
            {
                return false;
            }

            if (node.Kind == FileNodeKind.Regular && node.Size == size && fingerprints.Matches(name, path))
            {
                continue;
            }

            if (node.Kind != FileNodeKind.Regular || node.Size != size || Digest.OfFile(path, cancellationToken) != digest)
            {
                warn?.Invoke(Diagnostic.LayoutBlobRepaired(layoutPath, digest));
                return false;
            }

            fingerprints.Add(name, path);
        }

        return true;
    }
}
