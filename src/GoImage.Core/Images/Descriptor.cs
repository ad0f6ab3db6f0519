namespace GoImage.Images;

/// <summary>An OCI content descriptor: what a blob is, its digest and size, and for index entries its platform.</summary>
public sealed record Descriptor(string MediaType, Digest Digest, long Size)
{
    public ImagePlatform? Platform { get; init; }

    /// <summary>For an artifact manifest listed in a referrers index: what kind of artifact it is.</summary>
    public string? ArtifactType { get; init; }

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    internal void Write(CanonicalJsonWriter json)
    {
        json.StartObject()
            .Property("mediaType", MediaType)
            .Property("digest", Digest.ToString())
            .Property("size", Size);
        if (ArtifactType is not null)
        {
            json.Property("artifactType", ArtifactType);
        }

        if (Platform is not null)
        {
            json.Name("platform").StartObject();
            Platform.WriteProperties(json);
            json.EndObject();
        }

        if (Annotations.Count > 0)
        {
            json.Name("annotations").StringMap(Annotations);
        }

        json.EndObject();
    }
}
