namespace GoImage.Images;

/// <summary>An OCI image config for one platform; <see cref="ToBlob"/> gives its pinned bytes.</summary>
public sealed record ImageConfig(ImagePlatform Platform, ContainerConfig Config, DateTimeOffset Created)
{
    /// <summary>sha256 of each uncompressed layer tar, base first.</summary>
    public IReadOnlyList<Digest> DiffIds { get; init; } = [];

    /// <summary>One entry a layer, in layer order.</summary>
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    public ImageBlob ToBlob()
    {
        var created = Timestamps.Format(Created);
        var json = new CanonicalJsonWriter().StartObject()
            .Property("created", created)
            .Property("architecture", Platform.Architecture)
            .Property("os", Platform.Os);
        if (Platform.Variant is not null)
        {
            json.Property("variant", Platform.Variant);
        }

        json.Name("config");
        Config.Write(json);
        json.Name("rootfs").StartObject().Property("type", "layers")
            .Name("diff_ids").StringArray(DiffIds.Select(d => d.ToString())).EndObject();
        json.Name("history").StartArray();
        foreach (var entry in History)
        {
            json.StartObject().Property("created", entry.Created ?? created).Property("created_by", entry.CreatedBy);
            if (entry.Comment is not null)
            {
                json.Property("comment", entry.Comment);
            }

            if (entry.EmptyLayer)
            {
                json.Name("empty_layer").Boolean(true);
            }

            json.EndObject();
        }

        json.EndArray().EndObject();
        return ImageBlob.Create(MediaTypes.ImageConfig, json.ToBytes());
    }
}
