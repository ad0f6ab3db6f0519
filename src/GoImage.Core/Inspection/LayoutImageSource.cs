using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layouts;

namespace GoImage.Inspection;

/// <summary>An image in an OCI layout folder; for a tarball, the layout it was unpacked into (deleted on dispose).</summary>
public sealed class LayoutImageSource : IImageSource
{
    private readonly ExtractedArchive? _archive;

    private LayoutImageSource(OciLayout layout, LayoutEntry image, ExtractedArchive? archive)
    {
        Layout = layout;
        Image = image;
        _archive = archive;
    }

    public string Reference => Layout.ShownAs;

    /// <summary>The layout (for a tarball, the temporary one it was unpacked into).</summary>
    public OciLayout Layout { get; }

    /// <summary>The index.json entry of the chosen image.</summary>
    public LayoutEntry Image { get; }

    /// <summary>Opens the layout at <paramref name="layoutPath"/> and picks the image named <paramref name="tag"/> (or the first).</summary>
    public static LayoutImageSource Open(string layoutPath, string? tag)
    {
        var layout = OciLayout.Open(layoutPath);
        return new LayoutImageSource(layout, layout.Select(tag), null);
    }

    /// <summary>Unpacks the tarball at <paramref name="archivePath"/> into a temporary folder and opens the layout inside.</summary>
    public static LayoutImageSource OpenArchive(string archivePath, string? tag, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(archivePath);
        var archive = ExtractedArchive.Extract(full, cancellationToken);
        try
        {
            if (!OciLayout.IsLayout(archive.Path))
            {
                throw new GoImageException(Diagnostic.ArchiveWithoutIndex(full));
            }

            var layout = OciLayout.Open(archive.Path, shownAs: full);
            return new LayoutImageSource(layout, layout.Select(tag), archive);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public Task<ManifestContent> ReadRootAsync(CancellationToken cancellationToken)
    {
        var bytes = Layout.ReadBlob(Image.Descriptor, "image");
        var mediaType = Image.Descriptor.MediaType.Length > 0 ? Image.Descriptor.MediaType : ManifestDocument.MediaTypeOf(bytes) ?? "";
        return Task.FromResult(new ManifestContent(bytes, Image.Descriptor.Digest, mediaType));
    }

    public Task<byte[]> ReadBlobAsync(Descriptor blob, CancellationToken cancellationToken) => Task.FromResult(Layout.ReadBlob(blob));

    public Task<IReadOnlyList<Descriptor>> FindReferrersAsync(Digest subject, string? artifactType, CancellationToken cancellationToken) =>
        Task.FromResult(Layout.FindReferrers(subject, artifactType));

    public Task<ManifestContent?> FindTaggedAsync(string tag, CancellationToken cancellationToken)
    {
        var entry = Layout.Entries.FirstOrDefault(e => e.RefName == tag);
        return Task.FromResult(entry is null ? null : new ManifestContent(Layout.ReadBlob(entry.Descriptor, tag), entry.Descriptor.Digest, entry.Descriptor.MediaType));
    }

    public void Dispose() => _archive?.Dispose();
}
