namespace GoImage.Images;

/// <summary>An OCI image manifest: one platform's config and layers.</summary>
public sealed record ImageManifest(Descriptor Config, IReadOnlyList<Descriptor> Layers)
{
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public ImageBlob ToBlob()
    {
        var json = new CanonicalJsonWriter().StartObject()
            .Property("schemaVersion", 2)
            .Property("mediaType", MediaTypes.ImageManifest)
            .Name("config");
        Config.Write(json);
        json.Name("layers").StartArray();
        foreach (var layer in Layers)
        {
            layer.Write(json);
        }

        json.EndArray();
        if (Annotations.Count > 0)
        {
            json.Name("annotations").StringMap(Annotations);
        }

        return ImageBlob.Create(MediaTypes.ImageManifest, json.EndObject().ToBytes());
    }
}
