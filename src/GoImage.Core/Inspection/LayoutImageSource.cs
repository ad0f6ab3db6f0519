using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Inspection;

/// <summary>An image in an OCI layout folder; for a tarball, the layout it was unpacked into (deleted on dispose).</summary>
public sealed class LayoutImageSource : IImageSource
{
    private readonly IReadOnlyList<LayoutEntry> _entries;
    private readonly ExtractedArchive? _archive;

    private LayoutImageSource(string reference, string layoutPath, IReadOnlyList<LayoutEntry> entries, LayoutEntry image, ExtractedArchive? archive)
    {
        Reference = reference;
        LayoutPath = layoutPath;
        _entries = entries;
        Image = image;
        _archive = archive;
    }

    public string Reference { get; }

    /// <summary>The layout folder (for a tarball, the temporary one it was unpacked into).</summary>
    public string LayoutPath { get; }

    /// <summary>The index.json entry of the chosen image.</summary>
    public LayoutEntry Image { get; }

    /// <summary>Opens the layout at <paramref name="layoutPath"/> and picks the image named <paramref name="tag"/> (or the first).</summary>
    public static LayoutImageSource Open(string layoutPath, string? tag)
    {
        var full = Path.GetFullPath(layoutPath);
        var entries = LayoutIndex.Read(full);
        return new LayoutImageSource(full, full, entries, LayoutIndex.Select(full, entries, tag), null);
    }

    /// <summary>Unpacks the tarball at <paramref name="archivePath"/> into a temporary folder and opens the layout inside.</summary>
    public static LayoutImageSource OpenArchive(string archivePath, string? tag, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(archivePath);
        var archive = ExtractedArchive.Extract(full, cancellationToken);
        try
        {
            if (!LayoutIndex.IsLayout(archive.Path))
            {
                throw new GoImageException(Diagnostic.Error("ArchiveUnreadable", full, "it holds no index.json, so it is not an OCI archive (a docker save tarball without index.json is not supported)"));
            }

            var entries = LayoutIndex.Read(archive.Path);
            return new LayoutImageSource(full, archive.Path, entries, LayoutIndex.Select(full, entries, tag), archive);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public Task<ManifestContent> ReadRootAsync(CancellationToken cancellationToken)
    {
        var bytes = ReadBlob(Image.Descriptor, "image");
        var mediaType = Image.Descriptor.MediaType.Length > 0 ? Image.Descriptor.MediaType : ManifestDocument.MediaTypeOf(bytes) ?? "";
        return Task.FromResult(new ManifestContent(bytes, Image.Descriptor.Digest, mediaType));
    }

    public Task<byte[]> ReadBlobAsync(Descriptor blob, CancellationToken cancellationToken) => Task.FromResult(ReadBlob(blob, "blob"));

    /// <summary>A layer's bytes as a stream, unread (layers are compared as they are decompressed).</summary>
    internal FileStream OpenBlob(Descriptor blob, string role)
    {
        var path = Path.Combine(LayoutPath, "blobs", "sha256", blob.Digest.Hex);
        return File.Exists(path)
            ? File.OpenRead(path)
            : throw new GoImageException(Diagnostic.Error("ImageBlobInvalid", role, blob.Digest, Reference, $"blobs/sha256/{blob.Digest.Hex} is missing"));
    }

    public Task<IReadOnlyList<Descriptor>> FindReferrersAsync(Digest subject, string artifactType, CancellationToken cancellationToken)
    {
        var tag = ImageReferrer.FallbackTag(subject);
        var entry = _entries.FirstOrDefault(e => e.RefName == tag);
        if (entry is null)
        {
            return Task.FromResult<IReadOnlyList<Descriptor>>([]);
        }

        var bytes = ReadBlob(entry.Descriptor, "referrers index");
        try
        {
            return Task.FromResult(ReferrersIndex.Filter(bytes, artifactType));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw new GoImageException(Diagnostic.Error("ImageBlobInvalid", "referrers index", entry.Descriptor.Digest, Reference, e.Message));
        }
    }

    public Task<ManifestContent?> FindTaggedAsync(string tag, CancellationToken cancellationToken)
    {
        var entry = _entries.FirstOrDefault(e => e.RefName == tag);
        return Task.FromResult(entry is null ? null : new ManifestContent(ReadBlob(entry.Descriptor, tag), entry.Descriptor.Digest, entry.Descriptor.MediaType));
    }

    public void Dispose() => _archive?.Dispose();

    /// <summary>A whole blob, checked against its digest; <paramref name="role"/> names it in the error.</summary>
    internal byte[] ReadBlob(Descriptor blob, string role)
    {
        var path = Path.Combine(LayoutPath, "blobs", "sha256", blob.Digest.Hex);
        if (!File.Exists(path))
        {
            throw new GoImageException(Diagnostic.Error("ImageBlobInvalid", role, blob.Digest, Reference, $"blobs/sha256/{blob.Digest.Hex} is missing"));
        }

        var bytes = File.ReadAllBytes(path);
        if (Digest.Of(bytes) != blob.Digest)
        {
            throw new GoImageException(Diagnostic.Error("ImageBlobInvalid", role, blob.Digest, Reference, "its bytes do not match its digest"));
        }

        return bytes;
    }
}
