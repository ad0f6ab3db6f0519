using GoImage.Images;

namespace GoImage.Composition;

/// <summary>Everything about an image that is not a layer: its names, runtime config, time and annotations. Validated before use.</summary>
public sealed record ImageDefinition(string Repository, IReadOnlyList<string> Tags, ContainerConfig Config, DateTimeOffset Created)
{
    /// <summary>OCI annotations for every manifest and the index (created, version, source…).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>What the image is built on, from ContainerBaseImage: the embedded static base, scratch or a registry image.</summary>
    public BaseImageKind BaseKind { get; init; } = BaseImageKind.Static;
}
