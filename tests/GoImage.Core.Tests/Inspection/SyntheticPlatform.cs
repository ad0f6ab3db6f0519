using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Core.Tests.Inspection;

/// <summary>One platform of a hand-made image: its layers' files, its runtime config, and (when set) an SBOM with that many packages.</summary>
internal sealed record SyntheticPlatform(ImagePlatform Platform, IReadOnlyList<IReadOnlyList<LayerEntry>> Layers, ContainerConfig Config)
{
    public int? SbomPackages { get; init; }

    public long Mtime { get; init; }

    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;

    public static SyntheticPlatform Simple(string architecture, string greeting = "hi") => new(
        new ImagePlatform("linux", architecture, null),
        [
            [LayerEntry.File("etc/app/config.txt", System.Text.Encoding.UTF8.GetBytes($"greeting={greeting}\n"))],
            [LayerEntry.File("app/hello", System.Text.Encoding.UTF8.GetBytes($"binary for {architecture}\n"), 0b111_101_101)],
        ],
        new ContainerConfig
        {
            ExposedPorts = ["8080/tcp"],
            Environment = ["PATH=/usr/bin:/bin", "GREETING=" + greeting],
            Entrypoint = ["/app/hello"],
            Cmd = ["-port", "8080"],
            WorkingDirectory = "/app",
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.0.0" },
        });
}
