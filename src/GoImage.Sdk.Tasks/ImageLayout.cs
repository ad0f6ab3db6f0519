using System.Globalization;
using GoImage.Composition;
using GoImage.Diagnostics;
using GoImage.Go;
using GoImage.Images;
using GoImage.Layouts;
using GoImage.Sbom;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks;

public sealed partial class ImageLayout : CancelableGoImageTask
{
    protected override bool ExecuteCore()
    {
        var diagnostics = new List<Diagnostic>();
        var definition = ImageRequestValidator.Validate(CreateRequest(), diagnostics);
        if (!Report(diagnostics) || definition is null)
        {
            return false;
        }

        WarnIgnoredDestinations();
        var (shared, apps) = ReadLayers();
        var image = ImageAssembler.Assemble(definition, shared, apps, LoadBase(apps.Select(a => a.Item1).ToList()));
        if (GenerateSbom)
        {
            image = image with { Referrers = SbomReferrers.Create(image, definition.Repository, AppPath, ReadBinaries(), definition.Created, ImageVersion, CancellationToken) };
        }

        var archivePath = ArchivePath(definition.Repository);
        var wrote = OciLayout.Write(LayoutPath, image, definition.Tags, CancellationToken, Report);
        Log.LogMessage(MessageImportance.High, $"  ImageLayout: {definition.Repository}@{image.Index.Descriptor.Digest} -> {LayoutPath}{(wrote ? "" : " (unchanged)")}");
        if (archivePath is not null)
        {
            ImageArchiveWriter.Write(archivePath, image, definition.Repository, definition.Tags, definition.Created.ToUnixTimeSeconds(), CancellationToken);
            Log.LogMessage(MessageImportance.High, $"  ImageLayout: archive -> {archivePath}");
        }

        GeneratedContainerDigest = image.Index.Descriptor.Digest.ToString();
        GeneratedContainerManifestDigests = string.Join(';', image.Platforms.Select(p => p.Manifest.Descriptor.Digest));
        GeneratedContainerRepository = definition.Repository;
        GeneratedContainerTags = definition.Tags.ToArray();
        GeneratedArchiveOutputPath = archivePath ?? "";
        GeneratedContainerLayoutPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(LayoutPath)) + Path.DirectorySeparatorChar;
        GeneratedContainer = image.Platforms.Select(p => (ITaskItem)new TaskItem(p.Platform.ToString(), new Dictionary<string, string>
        {
            ["ManifestDigest"] = p.Manifest.Descriptor.Digest.ToString(),
            ["ConfigDigest"] = p.Config.Descriptor.Digest.ToString(),
            ["Repository"] = definition.Repository,
            ["Tags"] = string.Join(';', definition.Tags),
            ["SbomDigest"] = image.Referrers.FirstOrDefault(r => r.Subject.Digest == p.Manifest.Descriptor.Digest)?.Manifest.Descriptor.Digest.ToString() ?? "",
        })).ToArray();
        return true;
    }

    private ImageRequest CreateRequest() => new()
    {
        ProjectName = ProjectName,
        Repository = Repository.Trim(),
        Tag = ImageTag,
        Tags = ImageTags,
        ImageVersion = ImageVersion,
        GenerateSemVerTags = GenerateSemVerTags,
        AppPath = AppPath,
        AppCommand = AppCommand,
        AppCommandArgs = AppCommandArgs,
        DefaultArgs = DefaultArgs,
        User = User,
        WorkingDirectory = WorkingDirectory,
        Volumes = Volumes.Select(v => v.ItemSpec).ToList(),
        Ports = Ports.Select(p => new KeyValuePair<string, string>(p.ItemSpec, p.GetMetadata("Type"))).ToList(),
        EnvironmentVariables = EnvironmentVariables.Select(Pair).ToList(),
        Labels = Labels.Select(Pair).ToList(),
        HealthCheckCommand = HealthCheckCommand,
        HealthCheckInterval = HealthCheckInterval,
        HealthCheckTimeout = HealthCheckTimeout,
        HealthCheckStartPeriod = HealthCheckStartPeriod,
        HealthCheckRetries = HealthCheckRetries,
        SourceDateEpoch = SourceDateEpoch,
        GenerateCreatedLabel = GenerateLabels && GenerateLabelsImageCreated,
        GeneratedLabels = GenerateLabels ? GeneratedLabels.ToDictionary(l => l.ItemSpec, l => l.GetMetadata("Value"), StringComparer.Ordinal) : [],
    };

    // The .NET SDK's order: an archive wins over a registry, which wins over the local engine.
    private void WarnIgnoredDestinations()
    {
        var set = new[] { ("ContainerArchiveOutputPath", ContainerArchiveOutputPath), ("ContainerRegistry", ContainerRegistry), ("LocalRegistry", LocalRegistry) }
            .Where(d => d.Item2.Trim().Length > 0)
            .Select(d => d.Item1)
            .ToList();
        foreach (var ignored in set.Skip(1))
        {
            Report(Diagnostic.Warning("DestinationIgnored", set[0], ignored));
        }
    }

    /// <summary>The registry base ImageBase resolved and cached (a no-network read), or null for static and scratch.</summary>
    private BaseImage? LoadBase(IReadOnlyList<ImagePlatform> platforms)
    {
        if (BaseImageReference.Length == 0)
        {
            return null;
        }

        return CachedBaseImage.Load(BaseImageReference, BaseImageCacheDirectory, InsecureRegistries, platforms, CancellationToken);
    }

    private Dictionary<ImagePlatform, string> ReadBinaries()
    {
        var diagnostics = new List<Diagnostic>();
        var binaries = ImageBinaries.Read(Binaries, diagnostics);
        if (diagnostics.Count > 0)
        {
            throw new GoImageException(diagnostics[0]);
        }

        return binaries.ToDictionary(b => b.Platform, b => b.BinaryPath);
    }

    private static KeyValuePair<string, string> Pair(ITaskItem item) => new(item.ItemSpec, item.GetMetadata("Value"));

    private (List<Layer> Shared, List<(ImagePlatform, Layer)> Apps) ReadLayers()
    {
        var shared = new List<Layer>();
        var apps = new List<(ImagePlatform, Layer)>();
        foreach (var item in Layers)
        {
            if (!Digest.TryParse(item.GetMetadata("Digest"), out var digest) || !Digest.TryParse(item.GetMetadata("DiffId"), out var diffId))
            {
                throw new ArgumentException($"Layer item '{item.ItemSpec}' has no valid Digest and DiffId metadata; it must come from ImageLayer.");
            }

            var layer = new Layer(item.GetMetadata("LayerName"), item.GetMetadata("FullPath"), digest, long.Parse(item.GetMetadata("Size"), CultureInfo.InvariantCulture), diffId);
            var platform = item.GetMetadata("Platform");
            if (platform.Length == 0)
            {
                shared.Add(layer);
            }
            else if (GoPlatform.TryParse(platform, out var parsed, out var reason))
            {
                apps.Add((parsed!.ToImagePlatform(), layer));
            }
            else
            {
                throw new GoImageException(Diagnostic.Error("InvalidPlatform", platform, reason));
            }
        }

        return (shared, apps);
    }

    // A path ending in a separator, or an existing folder, gets <last repository component>.tar inside it.
    private string? ArchivePath(string repository)
    {
        if (ArchiveOutputPath.Trim().Length == 0)
        {
            return null;
        }

        var path = Path.GetFullPath(ArchiveOutputPath.Trim());
        return ArchiveOutputPath.EndsWith('/') || ArchiveOutputPath.EndsWith('\\') || Directory.Exists(path)
            ? Path.Combine(path, repository.Split('/')[^1] + ".tar")
            : path;
    }
}
