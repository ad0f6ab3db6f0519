using GoImage.Composition;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.IO;
using GoImage.Layers;

namespace GoImage.Layouts;

/// <summary>
/// Writes one tarball that two kinds of reader take: an OCI layout (podman load, skopeo
/// <c>oci-archive:</c>) and, at its root, Docker's <c>manifest.json</c> (docker load). Entries are
/// pinned like layer entries, so the archive is as reproducible as the image. Written to a temp
/// file and renamed over the target.
/// </summary>
public static class ImageArchiveWriter
{
    public static void Write(string archivePath, ImageSet image, string repository, IReadOnlyList<string> tags, long mtime, CancellationToken cancellationToken)
    {
        // One index.json entry only, so no SBOMs (they stay in the layout and go to registries): podman refuses an
        // archive whose index.json names several images. Its full reference name ("repo:tag") becomes the loaded image's name.
        var layout = OciLayout.Files(LayoutContents.Of(image, [$"{repository}:{tags[0]}"], withReferrers: false))
            .Select(f => f.Layer is { } layer ? LayerEntry.FromFile(f.Name, layer.BlobPath, 0b110_100_100) : LayerEntry.File(f.Name, f.Content!))
            .ToList();
        // Docker's manifest.json goes right after the layout's own two files.
        var entries = layout.Take(2).Append(LayerEntry.File("manifest.json", DockerManifest(image, repository, tags))).Concat(layout.Skip(2)).ToList();
        var content = LayerContent.Create("archive", entries, mtime);

        // Never replace a device, FIFO, socket or folder with a file (as root, /dev/full would become a regular file).
        archivePath = Path.GetFullPath(archivePath);
        var existing = FileNode.Of(archivePath, followLinks: true).Kind;
        if (existing is not (FileNodeKind.Missing or FileNodeKind.Regular))
        {
            throw new GoImageException(Diagnostic.OutputNotRegular("ContainerArchiveOutputPath", archivePath, ContainerFileSource.Describe(existing), "a regular file"));
        }

        TempPaths.RemoveStale(Path.GetDirectoryName(archivePath)!, Path.GetFileName(archivePath) + ".");

        // Each layer blob is checked against its digest as it is copied in.
        var layerDigests = image.LayerBlobs.DistinctBy(l => l.Digest).ToDictionary(l => OciLayout.BlobName(l.Digest), l => l.Digest, StringComparer.Ordinal);
        try
        {
            AtomicFile.Write(archivePath, output => new LayerTarWriter(output, mtime, layerDigests).Write(content.Entries, cancellationToken));
        }
        catch (GoImageException e) when (e.Diagnostic.Code == Diagnostic.Codes.ContainerFileChanged)
        {
            var blob = image.LayerBlobs.First(l => e.Diagnostic.Message.Contains(l.BlobPath, StringComparison.Ordinal));
            throw new GoImageException(Diagnostic.LayerBlobChanged(blob.BlobPath, blob.Digest, archivePath));
        }
    }

    // docker load stores every entry; only the first platform carries the tags, so the others load
    // untagged instead of each taking the name in turn.
    private static byte[] DockerManifest(ImageSet image, string repository, IReadOnlyList<string> tags)
    {
        var json = new CanonicalJsonWriter().StartArray();
        var first = true;
        foreach (var platform in image.Platforms)
        {
            json.StartObject()
                .Property("Config", OciLayout.BlobName(platform.Config.Descriptor.Digest))
                .Name("RepoTags").StringArray(first ? tags.Select(t => $"{repository}:{t}") : [])
                .Name("Layers").StringArray(platform.Layers.Select(l => OciLayout.BlobName(l.Digest)))
                .EndObject();
            first = false;
        }

        return json.EndArray().ToBytes();
    }
}
