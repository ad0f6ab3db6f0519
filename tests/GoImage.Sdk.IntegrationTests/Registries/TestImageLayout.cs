using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using GoImage.Testing;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// Writes the smallest valid single-image OCI layout by hand (one one-file layer, config, manifest,
/// index.json, oci-layout), to feed peers like skopeo without building anything with the SDK.
/// </summary>
internal static class TestImageLayout
{
    /// <summary>Writes the layout under <paramref name="directory"/> with one tag; returns the manifest's digest.</summary>
    public static string Write(string directory, string tag, string fileContent = "hello from a test image\n")
    {
        var blobs = LayoutFiles.BlobsFolder(directory);
        Directory.CreateDirectory(blobs);

        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "hello.txt")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(fileContent)),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                ModificationTime = DateTimeOffset.UnixEpoch,
            };
            writer.WriteEntry(entry);
        }

        var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.Optimal, leaveOpen: true))
        {
            compressor.Write(tar.ToArray());
        }

        var layer = WriteBlob(blobs, gzip.ToArray());
        var diffId = Digest(tar.ToArray());
        var config = WriteBlob(blobs, Encoding.UTF8.GetBytes(
            $$$"""{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["{{{diffId}}}"]}}"""));
        var manifest = WriteBlob(blobs, Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{config.Digest}}}","size":{{{config.Size}}}},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{{layer.Digest}}}","size":{{{layer.Size}}}}]}"""));
        File.WriteAllText(LayoutFiles.IndexPath(directory),
            $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{manifest.Digest}}}","size":{{{manifest.Size}}},"annotations":{"org.opencontainers.image.ref.name":"{{{tag}}}"}}]}""");
        File.WriteAllText(LayoutFiles.MarkerPath(directory), LayoutFiles.MarkerJson);
        return manifest.Digest;
    }

    public static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static (string Digest, long Size) WriteBlob(string blobs, byte[] bytes)
    {
        var digest = Digest(bytes);
        File.WriteAllBytes(Path.Combine(blobs, digest["sha256:".Length..]), bytes);
        return (digest, bytes.LongLength);
    }
}
