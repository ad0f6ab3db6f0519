using System.Text.Encodings.Web;
using System.Text.Json;
using GoImage.Images;

namespace GoImage.Inspection;

/// <summary>
/// The <c>goimage inspect --json</c> document (docs/inspect-json.md): properties always present and in a
/// fixed order, absent strings as null, absent lists and maps empty, so scripts can rely on the shape.
/// </summary>
public static class InspectionJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Media types carry '+': escaping it as \u002B would be valid but unreadable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(ImageInspection image)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("reference", image.Reference);
            json.WriteString("mediaType", image.MediaType);
            json.WriteString("digest", image.Digest.ToString());
            Map(json, "annotations", image.Annotations);
            json.WriteStartArray("platforms");
            foreach (var platform in image.Platforms)
            {
                Platform(json, platform);
            }

            json.WriteEndArray();
            Artifacts(json, image.Artifacts);

            // inspect lists and counts signatures, never checks them: a script must not read "signed" as "verified".
            json.WriteBoolean("signaturesVerified", false);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Platform(Utf8JsonWriter json, PlatformInspection platform)
    {
        json.WriteStartObject();
        json.WriteString("platform", platform.Platform);
        json.WriteString("manifestDigest", platform.ManifestDigest.ToString());
        json.WriteString("configDigest", platform.ConfigDigest.ToString());
        json.WriteString("user", platform.User);
        List(json, "entrypoint", platform.Entrypoint);
        List(json, "cmd", platform.Cmd);
        json.WriteString("workingDir", platform.WorkingDir);
        List(json, "ports", platform.Ports);
        List(json, "env", platform.Env);
        Map(json, "labels", platform.Labels);
        Map(json, "annotations", platform.Annotations);
        json.WriteString("created", platform.Created);
        json.WriteStartArray("layers");
        foreach (var layer in platform.Layers)
        {
            Layer(json, layer);
        }

        json.WriteEndArray();
        if (platform.Sbom is { } sbom)
        {
            json.WriteStartObject("sbom");
            json.WriteString("manifestDigest", sbom.ManifestDigest.ToString());
            json.WriteString("digest", sbom.Digest.ToString());
            json.WriteNumber("packages", sbom.Packages);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("sbom");
        }

        Artifacts(json, platform.Artifacts);
        json.WriteEndObject();
    }

    private static void Artifacts(Utf8JsonWriter json, IReadOnlyList<ArtifactInspection> artifacts)
    {
        json.WriteStartArray("artifacts");
        foreach (var artifact in artifacts)
        {
            json.WriteStartObject();
            json.WriteString("kind", InspectionText.Name(artifact.Kind));
            json.WriteString("tag", artifact.Tag);
            json.WriteString("manifestDigest", artifact.ManifestDigest.ToString());
            json.WriteString("artifactType", artifact.ArtifactType);
            json.WriteString("mediaType", artifact.MediaType);
            json.WriteString("digest", artifact.Digest.ToString());
            json.WriteNumber("size", artifact.Size);
            json.WriteString("predicateType", artifact.PredicateType);
            json.WriteNumber("signatures", artifact.Signatures);
            json.WriteString("keyHint", artifact.KeyHint);
            json.WriteString("problem", artifact.Problem);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Layer(Utf8JsonWriter json, Descriptor layer)
    {
        json.WriteStartObject();
        json.WriteString("mediaType", layer.MediaType);
        json.WriteString("digest", layer.Digest.ToString());
        json.WriteNumber("size", layer.Size);
        json.WriteEndObject();
    }

    private static void List(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void Map(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
