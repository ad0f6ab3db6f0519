using System.IO.Compression;

namespace GoImage.Layers;

/// <summary>A registry base's layer blob read as the tar inside it, and the tar's entry names as layer paths.</summary>
internal static class LayerArchive
{
    /// <summary>The tar stream of a layer blob; gzip and zstd are told apart by their magic bytes, not by the media type a registry claims.</summary>
    public static Stream OpenTar(string blobPath)
    {
        var file = File.OpenRead(blobPath);
        var magic = new byte[4];
        var read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            return new GZipStream(file, CompressionMode.Decompress);
        }

        if (read == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd)
        {
            file.Dispose();
            throw new InvalidDataException("the layer is zstd-compressed, which the SDK does not read");
        }

        return file;
    }

    /// <summary>An entry name as a path from the root without leading <c>./</c> or slashes: <c>./etc/passwd</c> → <c>etc/passwd</c>.</summary>
    public static string Normalize(string name)
    {
        var path = name.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return path.Trim('/');
    }
}
