namespace GoImage.Images;

/// <summary>The runtime part of an image config (its <c>config</c> object), as users set it.</summary>
public sealed record ContainerConfig
{
    public string User { get; init; } = "65532:65532";

    /// <summary>Ports as the config keys them: <c>8080/tcp</c>.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    /// <summary><c>NAME=value</c> entries, in the order given.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>Folders a runtime mounts a volume on (ContainerVolume), absolute: <c>/var/lib/app</c>.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    public string WorkingDirectory { get; init; } = "/";

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public HealthCheck? HealthCheck { get; init; }

    internal void Write(CanonicalJsonWriter json)
    {
        json.StartObject().Property("User", User);
        if (ExposedPorts.Count > 0)
        {
            json.Name("ExposedPorts").StartObject();
            foreach (var port in ExposedPorts.Distinct().Order(StringComparer.Ordinal))
            {
                json.Name(port).StartObject().EndObject();
            }

            json.EndObject();
        }

        if (Environment.Count > 0)
        {
            json.Name("Env").StringArray(Environment);
        }

        if (Entrypoint.Count > 0)
        {
            json.Name("Entrypoint").StringArray(Entrypoint);
        }

        if (Cmd.Count > 0)
        {
            json.Name("Cmd").StringArray(Cmd);
        }

        // The image spec's field order; absent when empty, so images without volumes keep their bytes.
        if (Volumes.Count > 0)
        {
            json.Name("Volumes").StartObject();
            foreach (var volume in Volumes.Distinct().Order(StringComparer.Ordinal))
            {
                json.Name(volume).StartObject().EndObject();
            }

            json.EndObject();
        }

        json.Property("WorkingDir", WorkingDirectory);
        if (Labels.Count > 0)
        {
            json.Name("Labels").StringMap(Labels);
        }

        if (HealthCheck is not null)
        {
            json.Name("Healthcheck");
            HealthCheck.Write(json);
        }

        json.EndObject();
    }
}
