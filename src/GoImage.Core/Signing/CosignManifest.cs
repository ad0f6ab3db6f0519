using GoImage.Images;

namespace GoImage.Signing;

/// <summary>
/// The image manifests cosign stores at <c>sha256-&lt;hex&gt;.sig</c> and <c>.att</c>: a config naming the
/// layers, and layers that are the signed payloads with their signature (or predicate type) in annotations.
/// </summary>
public static class CosignManifest
{
    public const string SignatureAnnotation = "dev.cosignproject.cosign/signature";

    public const string PredicateTypeAnnotation = "predicateType";

    public const string SignatureSuffix = "sig";

    public const string AttestationSuffix = "att";

    /// <summary>A manifest at the subject's <paramref name="suffix"/> tag over <paramref name="layers"/> (each with its annotations).</summary>
    public static TaggedArtifact Create(Digest subject, string suffix, IReadOnlyList<(ImageBlob Blob, IReadOnlyDictionary<string, string> Annotations)> layers)
    {
        // cosign's config: an image config whose rootfs names each layer, so registries that index configs accept it.
        var config = new CanonicalJsonWriter().StartObject()
            .Property("architecture", "")
            .Name("config").StartObject().EndObject()
            .Property("os", "")
            .Name("rootfs").StartObject().Property("type", "layers").Name("diff_ids").StringArray(layers.Select(l => l.Blob.Descriptor.Digest.ToString())).EndObject()
            .EndObject().ToBytes();
        var configBlob = ImageBlob.Create(MediaTypes.ImageConfig, config);

        var json = new CanonicalJsonWriter().StartObject()
            .Property("schemaVersion", 2)
            .Property("mediaType", MediaTypes.ImageManifest)
            .Name("config");
        configBlob.Descriptor.Write(json);
        json.Name("layers").StartArray();
        foreach (var (blob, annotations) in layers)
        {
            (blob.Descriptor with { Annotations = annotations }).Write(json);
        }

        var manifest = ImageBlob.Create(MediaTypes.ImageManifest, json.EndArray().EndObject().ToBytes());
        return new TaggedArtifact(TaggedArtifact.TagFor(subject, suffix), subject, manifest, [configBlob, .. layers.Select(l => l.Blob)]);
    }
}
