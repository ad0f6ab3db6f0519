namespace GoImage.Images;

/// <summary>What an image built on a base keeps of the base's config: its platform, environment, labels, ports, layer ids and history.</summary>
public sealed record BaseImageConfig(ImagePlatform Platform)
{
    public IReadOnlyList<string> Environment { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    public IReadOnlyList<Digest> DiffIds { get; init; } = [];

    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>What a build keeps of a base's config (read by <see cref="ImageConfigDocument"/>).</summary>
    /// <exception cref="FormatException">Not a config, or a diff_id that is not a sha256 digest.</exception>
    public static BaseImageConfig Parse(byte[] json)
    {
        var document = ImageConfigDocument.Parse(json);
        return new BaseImageConfig(document.Platform)
        {
            Environment = document.Environment,
            Labels = new Dictionary<string, string>(document.Labels, StringComparer.Ordinal),
            ExposedPorts = document.ExposedPorts,
            DiffIds = document.DiffIds.Select(id => Digest.TryParse(id, out var digest) ? digest : throw new FormatException($"diff_id '{id}' is not a sha256 digest")).ToList(),
            History = document.History,
        };
    }
}
