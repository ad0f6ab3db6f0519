using System.Globalization;
using System.Text.Json;
using GoImage.Images;
using GoImage.IO;

namespace GoImage.Layers;

/// <summary>
/// Content-keyed layer store: <c>&lt;key&gt;.tar.gz</c> beside <c>&lt;key&gt;.json</c> (digest, size, diff_id),
/// the JSON written last so its presence means the blob is complete. A project folder (under obj/)
/// comes first; a shared user-level folder, if given, serves other projects and clean clones.
/// An unchanged layer is never tarred or compressed again.
/// </summary>
public sealed class LayerCache(string projectDirectory, string? sharedDirectory)
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private int _written;
    private int _reused;

    /// <summary>Layers tarred and compressed by this cache instance.</summary>
    public int Written => _written;

    /// <summary>Layers served without writing.</summary>
    public int Reused => _reused;

    public Layer GetOrWrite(LayerContent content, CancellationToken cancellationToken)
    {
        var key = content.CacheKey(cancellationToken);
        lock (_used)
        {
            _used.Add(key);
        }

        if (TryRead(projectDirectory, key, content.Name) is { } cached)
        {
            Interlocked.Increment(ref _reused);
            return cached;
        }

        if (sharedDirectory is not null && TryRead(sharedDirectory, key, content.Name) is { } shared)
        {
            Interlocked.Increment(ref _reused);
            return Store(projectDirectory, key, shared);
        }

        var layer = Write(projectDirectory, key, content, cancellationToken);
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

    private static Layer Write(string directory, string key, LayerContent content, CancellationToken cancellationToken)
    {
        var blobPath = BlobPath(directory, key);
        Layer? layer = null;
        AtomicFile.Write(blobPath, output => layer = LayerWriter.Write(content, output, blobPath, cancellationToken));
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
    private static Layer Store(string directory, string key, Layer layer)
    {
        var stored = layer with { BlobPath = BlobPath(directory, key) };
        AtomicFile.Copy(layer.BlobPath, stored.BlobPath);
        WriteRecord(directory, key, stored);
        return stored;
    }

    private static Layer? TryRead(string directory, string key, string name)
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
                || !Digest.TryParse(root.GetProperty("diffId").GetString() ?? "", out var diffId)
                || new FileInfo(blobPath).Length != size)
            {
                return null;
            }

            File.SetLastWriteTimeUtc(recordPath, DateTime.UtcNow); // marks it used, for whoever prunes the shared cache
            return new Layer(name, blobPath, digest, size, diffId);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null; // a damaged record is a miss; the layer is written again
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

    private static string BlobPath(string directory, string key) => Path.Combine(directory, key + ".tar.gz");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_written} written, {_reused} reused");
}
