using GoImage.Images;

namespace GoImage.Composition;

/// <summary>
/// An image as the project file describes it, before validation: strings and name/value lists,
/// one field a property or item type (ContainerRepository, ContainerPort, …).
/// </summary>
public sealed record ImageRequest
{
    public string ProjectName { get; init; } = "";

    public string Repository { get; init; } = "";

    public string Tag { get; init; } = "";

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string ImageVersion { get; init; } = "";

    public bool GenerateSemVerTags { get; init; }

    /// <summary>ContainerBaseImage as written: empty or <c>static</c>, <c>scratch</c>, or a registry reference.</summary>
    public string BaseImage { get; init; } = "";

    /// <summary>Absolute path of the binary in the image: <c>/app/hello</c>.</summary>
    public string AppPath { get; init; } = "";

    public IReadOnlyList<string> AppCommand { get; init; } = [];

    public IReadOnlyList<string> AppCommandArgs { get; init; } = [];

    public IReadOnlyList<string> DefaultArgs { get; init; } = [];

    public string User { get; init; } = "";

    public string WorkingDirectory { get; init; } = "";

    /// <summary>ContainerVolume items: absolute folder paths.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary>ContainerPort items: the port (<c>8080</c> or <c>8080/udp</c>) and its Type metadata.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Ports { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    public IReadOnlyList<string> HealthCheckCommand { get; init; } = [];

    public string HealthCheckInterval { get; init; } = "";

    public string HealthCheckTimeout { get; init; } = "";

    public string HealthCheckStartPeriod { get; init; } = "";

    public string HealthCheckRetries { get; init; } = "";

    public string SourceDateEpoch { get; init; } = "";

    public bool GenerateCreatedLabel { get; init; } = true;

    /// <summary>org.opencontainers.image.* values to generate, by short name (version, revision, source, title); an empty value is skipped.</summary>
    public IReadOnlyDictionary<string, string> GeneratedLabels { get; init; } = new Dictionary<string, string>();
}
