using System.Security.Cryptography;

namespace GoImage.Testing;

/// <summary>
/// An OCI layout's files as the tests know them, written independently of the product's <c>OciLayout</c>: the one
/// place in the tests that knows <c>index.json</c>, <c>oci-layout</c> and <c>blobs/sha256/&lt;hex&gt;</c>, for tests
/// that write a layout by hand, tamper with one, or judge what the SDK wrote. Digests are strings
/// (<c>sha256:&lt;hex&gt;</c> or bare hex) so test projects without the core can use it.
/// </summary>
internal static class LayoutFiles
{
    public const string MarkerJson = """{"imageLayoutVersion":"1.0.0"}""";

    public static string IndexPath(string layout) => Path.Combine(layout, "index.json");

    public static string MarkerPath(string layout) => Path.Combine(layout, "oci-layout");

    public static string BlobsFolder(string layout) => Path.Combine(layout, "blobs", "sha256");

    /// <summary>A blob's name inside a layout or a layout tarball: <c>blobs/sha256/&lt;hex&gt;</c>.</summary>
    public static string BlobName(string digest) => "blobs/sha256/" + Hex(digest);

    public static string BlobPath(string layout, string digest) => Path.Combine(BlobsFolder(layout), Hex(digest));

    public static string DigestOf(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Writes <paramref name="bytes"/> as a blob (creating the folders); returns its digest.</summary>
    public static string WriteBlob(string layout, byte[] bytes)
    {
        Directory.CreateDirectory(BlobsFolder(layout));
        var digest = DigestOf(bytes);
        File.WriteAllBytes(BlobPath(layout, digest), bytes);
        return digest;
    }

    /// <summary>Writes <c>oci-layout</c> and <c>index.json</c>.</summary>
    public static void WriteIndex(string layout, string indexJson)
    {
        Directory.CreateDirectory(BlobsFolder(layout));
        File.WriteAllText(MarkerPath(layout), MarkerJson);
        File.WriteAllText(IndexPath(layout), indexJson);
    }

    /// <summary>A blob's bytes, failing the test unless they hash to <paramref name="digest"/>.</summary>
    public static byte[] ReadBlob(string layout, string digest)
    {
        var bytes = File.ReadAllBytes(BlobPath(layout, digest));
        var actual = DigestOf(bytes);
        if (actual != "sha256:" + Hex(digest))
        {
            throw new InvalidDataException($"blob {digest} of {layout} hashes to {actual}");
        }

        return bytes;
    }

    private static string Hex(string digest) => digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest["sha256:".Length..] : digest;
}
