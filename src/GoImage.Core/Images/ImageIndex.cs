namespace GoImage.Images;

/// <summary>An OCI image index over per-platform manifests (written even for a single platform).</summary>
public sealed record ImageIndex(IReadOnlyList<Descriptor> Manifests)
{
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public ImageBlob ToBlob()
    {
        var json = new CanonicalJsonWriter().StartObject()
            .Property("schemaVersion", 2)
            .Property("mediaType", MediaTypes.ImageIndex)
            .Name("manifests").StartArray();
        foreach (var manifest in Manifests)
        {
            manifest.Write(json);
        }

        json.EndArray();
        if (Annotations.Count > 0)
        {
            json.Name("annotations").StringMap(Annotations);
        }

        return ImageBlob.Create(MediaTypes.ImageIndex, json.EndObject().ToBytes());
    }
}
