using System.Text.Json;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.IO;

namespace GoImage.Registry;

/// <summary>
/// goimage.lock.json beside the project, in the spirit of NuGet's packages.lock.json: it pins the base
/// image's tag to a digest, is committed, and changes only when the user asks for a refresh.
/// </summary>
public static class BaseImageLockFile
{
    public const string FileName = "goimage.lock.json";
    private const int Version = 1;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>The lock, or null when there is no file; a file that cannot be read is an error (GOI3022).</summary>
    public static BaseImageLock? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            // The file is committed and hand-merged: an editor's UTF-8 byte order mark must not make it unreadable.
            ReadOnlyMemory<byte> json = File.ReadAllBytes(path);
            if (json.Span.StartsWith(Utf8ByteOrderMark))
            {
                json = json[Utf8ByteOrderMark.Length..];
            }

            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("it is not a JSON object");
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var number) || number != Version)
            {
                throw new FormatException($"it is not a version {Version} lock file");
            }

            if (!root.TryGetProperty("baseImage", out var baseImage) || baseImage.ValueKind != JsonValueKind.Object
                || !baseImage.TryGetProperty("reference", out var reference) || reference.ValueKind != JsonValueKind.String
                || !baseImage.TryGetProperty("digest", out var digestText) || digestText.ValueKind != JsonValueKind.String
                || !Digest.TryParse(digestText.GetString()!, out var digest))
            {
                throw new FormatException("it has no baseImage with a reference and a sha256 digest");
            }

            return new BaseImageLock(reference.GetString()!, digest);
        }
        // InvalidOperationException: JsonElement's answer to a value of an unexpected kind, should a check above miss one.
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new GoImageException(Diagnostic.BaseImageLockMalformed(path, e.Message));
        }
    }

    /// <summary>Writes the lock atomically, indented with a final newline so it diffs well in reviews.</summary>
    public static void Write(string path, BaseImageLock entry) => AtomicFile.Write(path, output =>
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteStartObject("baseImage");
            json.WriteString("reference", entry.Reference);
            json.WriteString("digest", entry.Digest.ToString());
            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    });
}
