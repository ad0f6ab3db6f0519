using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.IO;

namespace GoImage.Layers;

/// <summary>
/// Content-keyed layer store: <c>&lt;key&gt;.tar.gz</c> (or <c>.tar.zst</c>) beside <c>&lt;key&gt;.json</c> (digest, size, diff_id),
/// the JSON written last so its presence means the blob is complete. A project folder (under obj/)
/// comes first; a shared user-level folder, if given, serves other projects and clean clones.
/// An unchanged layer is never tarred or compressed again, and never served unverified: an entry's
/// blob is hashed on reuse unless its <see cref="VerifiedFingerprint"/> (size, inode, mtime, ctime,
/// in <c>&lt;key&gt;.verified</c>) shows it untouched since it last matched; a bad one (a flipped
/// byte, a truncated copy) is removed, reported and written again.
/// </summary>
public sealed class LayerCache(string projectDirectory, string? sharedDirectory, LayerCompression compression)
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Diagnostic> _repairs = new();
    private int _cleaned;
    private int _written;
    private int _reused;

    /// <summary>A cache of gzip layers, the default compression.</summary>
    public LayerCache(string projectDirectory, string? sharedDirectory)
        : this(projectDirectory, sharedDirectory, LayerCompression.Gzip)
    {
    }

    /// <summary>Layers tarred and compressed by this cache instance.</summary>
    public int Written => _written;

    /// <summary>Layers served without writing.</summary>
    public int Reused => _reused;

    /// <summary>Warnings for entries that failed verification and were rebuilt.</summary>
    public IReadOnlyCollection<Diagnostic> Repairs => _repairs;

    public Layer GetOrWrite(LayerContent content, CancellationToken cancellationToken)
    {
        RemoveStaleTemporaryFiles();
        var key = content.CacheKey(compression, cancellationToken);
        lock (_used)
        {
            _used.Add(key);
        }

        if (TryRead(projectDirectory, key, content.Name, cancellationToken) is { } cached)
        {
            Interlocked.Increment(ref _reused);
            return cached;
        }

        if (sharedDirectory is not null && TryRead(sharedDirectory, key, content.Name, cancellationToken) is { } shared)
        {
            Interlocked.Increment(ref _reused);
            return WithCodedFailure(projectDirectory, () => Store(projectDirectory, key, shared));
        }

        var layer = WithCodedFailure(projectDirectory, () => Write(projectDirectory, key, content, cancellationToken));
        Interlocked.Increment(ref _written);
        if (sharedDirectory is not null)
        {
            TryShare(key, layer);
        }

        return layer;
    }

    /// <summary>Removes project entries this instance did not use, so obj/ holds one publish's layers.</summary>
    public void PruneUnused()
    {
        if (!Directory.Exists(projectDirectory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(projectDirectory))
        {
            var key = Path.GetFileName(file).Split('.')[0];
            if (!_used.Contains(key))
            {
                File.Delete(file);
            }
        }
    }

    // Temporary files of a killed run: removed once per publish, in both folders.
    private void RemoveStaleTemporaryFiles()
    {
        if (Interlocked.Exchange(ref _cleaned, 1) == 0)
        {
            TempPaths.RemoveStale(projectDirectory);
            if (sharedDirectory is not null)
            {
                TempPaths.RemoveStale(sharedDirectory);
            }
        }
    }

    // A full disk or read-only folder under the cache is named, not a bare "No space left on device".
    private static Layer WithCodedFailure(string directory, Func<Layer> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not NotRegularFileException && e is not FileNotFoundException)
        {
            throw new GoImageException(Diagnostic.LayerCacheWriteFailed(Path.GetFullPath(directory), e.Message.TrimEnd('.') + "."));
        }
    }

    private Layer Write(string directory, string key, LayerContent content, CancellationToken cancellationToken)
    {
        var blobPath = BlobPath(directory, key);
        Layer? layer = null;
        AtomicFile.Write(blobPath, output => layer = LayerWriter.Write(content, compression, output, blobPath, cancellationToken));
        VerifiedFingerprint.Record(blobPath, Path.Combine(directory, key + ".verified"));
        WriteRecord(directory, key, layer!);
        return layer!;
    }

    private void TryShare(string key, Layer layer)
    {
        // The shared cache is an optimisation: a full disk or a read-only home must not fail the publish.
        try
        {
            Store(sharedDirectory!, key, layer);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // Copies a layer's blob and record into another cache folder; returns the layer as stored there.
    private Layer Store(string directory, string key, Layer layer)
    {
        var stored = layer with { BlobPath = BlobPath(directory, key) };
        AtomicFile.Copy(layer.BlobPath, stored.BlobPath);
        if (Digest.OfFile(stored.BlobPath) != layer.Digest)
        {
            File.Delete(stored.BlobPath);
            throw new IOException($"The copy of '{layer.BlobPath}' at '{stored.BlobPath}' does not match {layer.Digest}.");
        }

        VerifiedFingerprint.Record(stored.BlobPath, Path.Combine(directory, key + ".verified"));
        WriteRecord(directory, key, stored);
        return stored;
    }

    private Layer? TryRead(string directory, string key, string name, CancellationToken cancellationToken)
    {
        var recordPath = Path.Combine(directory, key + ".json");
        var blobPath = BlobPath(directory, key);
        if (!File.Exists(recordPath) || !File.Exists(blobPath))
        {
            return null;
        }

        try
        {
            using var record = JsonDocument.Parse(File.ReadAllBytes(recordPath));
            var root = record.RootElement;
            var size = root.GetProperty("size").GetInt64();
            if (!Digest.TryParse(root.GetProperty("digest").GetString() ?? "", out var digest)
                || !Digest.TryParse(root.GetProperty("diffId").GetString() ?? "", out var diffId))
            {
                return null;
            }

            var length = new FileInfo(blobPath).Length;
            if (length != size)
            {
                Discard(recordPath, blobPath, digest, string.Create(CultureInfo.InvariantCulture, $"it is {length} bytes, not {size}"));
                return null;
            }

            // Hashed unless its fingerprint shows it untouched since it last matched.
            var fingerprintPath = Path.Combine(directory, key + ".verified");
            if (!VerifiedFingerprint.Matches(blobPath, fingerprintPath))
            {
                var actual = Digest.OfFile(blobPath, cancellationToken);
                if (actual != digest)
                {
                    File.Delete(fingerprintPath);
                    Discard(recordPath, blobPath, digest, $"its content hashes to {actual}");
                    return null;
                }

                VerifiedFingerprint.Record(blobPath, fingerprintPath);
            }

            File.SetLastWriteTimeUtc(recordPath, DateTime.UtcNow); // marks it used, for whoever prunes the shared cache
            return new Layer(name, blobPath, digest, size, diffId) { MediaType = compression.MediaType };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null; // a damaged record is a miss; the layer is written again
        }
    }

    private void Discard(string recordPath, string blobPath, Digest digest, string why)
    {
        _repairs.Enqueue(Diagnostic.LayerCacheEntryRepaired(blobPath, digest, why));
        try
        {
            File.Delete(recordPath);
            File.Delete(blobPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A shared entry we may not delete is still never served: the record check fails again next time.
        }
    }

    private static void WriteRecord(string directory, string key, Layer layer)
    {
        var json = new CanonicalJsonWriter().StartObject()
            .Property("digest", layer.Digest.ToString())
            .Property("size", layer.Size)
            .Property("diffId", layer.DiffId.ToString())
            .EndObject();
        AtomicFile.WriteAllBytes(Path.Combine(directory, key + ".json"), json.ToBytes());
    }

    private string BlobPath(string directory, string key) => Path.Combine(directory, key + compression.BlobExtension);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_written} written, {_reused} reused");
}
