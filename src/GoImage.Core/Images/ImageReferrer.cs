namespace GoImage.Images;

/// <summary>
/// An artifact that refers to one of the image's manifests through its <c>subject</c> (an SBOM, a
/// signature): its manifest, and the blobs that manifest names.
/// </summary>
public sealed record ImageReferrer(Descriptor Subject, string ArtifactType, ImageBlob Manifest, IReadOnlyList<ImageBlob> Blobs, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>The blob every artifact without a config names as its config: <c>{}</c>.</summary>
    public static ImageBlob EmptyConfig { get; } = ImageBlob.Create(MediaTypes.Empty, "{}"u8.ToArray());

    /// <summary>An artifact manifest (OCI 1.1) whose one layer is <paramref name="content"/>.</summary>
    public static ImageReferrer Create(Descriptor subject, string artifactType, ImageBlob content, IReadOnlyDictionary<string, string> annotations)
    {
        var json = new CanonicalJsonWriter().StartObject()
            .Property("schemaVersion", 2)
            .Property("mediaType", MediaTypes.ImageManifest)
            .Property("artifactType", artifactType)
            .Name("config");
        EmptyConfig.Descriptor.Write(json);
        json.Name("layers").StartArray();
        content.Descriptor.Write(json);
        json.EndArray().Name("subject");
        new Descriptor(subject.MediaType, subject.Digest, subject.Size).Write(json);
        if (annotations.Count > 0)
        {
            json.Name("annotations").StringMap(annotations);
        }

        var manifest = ImageBlob.Create(MediaTypes.ImageManifest, json.EndObject().ToBytes());
        return new ImageReferrer(subject, artifactType, manifest, [EmptyConfig, content], annotations);
    }

    /// <summary>
    /// The referrers index of one subject, as the distribution spec's fallback tag <c>sha256-&lt;hex&gt;</c>
    /// holds it (and as a layout's index.json names it): an image index listing each referrer with its artifactType.
    /// </summary>
    public static ImageBlob Index(IEnumerable<Descriptor> referrers) => new ImageIndex(referrers.ToList()).ToBlob();

    /// <summary>
    /// The manifests a referrers index lists: those of <paramref name="artifactType"/>, or all when it is null.
    /// The one filter for a layout's index and a registry's answer (a registry may ignore the API's filter).
    /// </summary>
    public static IReadOnlyList<Descriptor> Listed(ManifestDocument index, string? artifactType) =>
        index.Manifests.Where(d => artifactType is null || d.ArtifactType == artifactType).ToList();

    /// <summary>The fallback tag (and layout ref name) of a subject's referrers index.</summary>
    public static string FallbackTag(Digest subject) => FallbackTagPrefix + subject.Hex;

    /// <summary>Whether <paramref name="name"/> is a fallback tag, and whose.</summary>
    public static bool TryParseFallbackTag(string? name, out Digest subject)
    {
        subject = default;
        return name is not null && name.StartsWith(FallbackTagPrefix, StringComparison.Ordinal)
            && Digest.TryParse("sha256:" + name[FallbackTagPrefix.Length..], out subject);
    }

    private const string FallbackTagPrefix = "sha256-";

    /// <summary>This referrer as a referrers index lists it: with its artifactType and annotations, as the distribution spec asks.</summary>
    public Descriptor Descriptor => Manifest.Descriptor with { ArtifactType = ArtifactType, Annotations = Annotations };
}
