using GoImage.Composition;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layouts;
using GoImage.Sbom;
using GoImage.Signing;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks;

public sealed partial class ImageLayout : CancelableGoImageTask
{
    protected override bool ExecuteCore()
    {
        var diagnostics = new List<Diagnostic>();
        var definition = ImageRequestValidator.Validate(CreateRequest(), diagnostics);
        var layers = LayerItems.Read(Layers, "ContainerLayer", "ImageLayer", diagnostics);
        var shared = layers.Where(l => l.Platform is null).Select(l => l.Layer).ToList();
        var apps = layers.Where(l => l.Platform is not null).Select(l => (l.Platform!, l.Layer)).ToList();
        var registryBase = BaseImageItems.Read(BaseImageReference, BaseImagePlatforms, BaseImageLayers, apps.Select(a => a.Item1), diagnostics);
        // Every binary is read whenever there are any: the start check needs them even without an SBOM or provenance.
        var binaryPaths = GenerateSbom || Binaries.Length > 0 ? GoBinaryItems.ReadForImage(Binaries, Directory.GetCurrentDirectory(), diagnostics) : [];
        if (!Report(diagnostics) || definition is null)
        {
            return false;
        }

        // Before anything is assembled or written: no image whose binary cannot start on its base.
        var baseKind = registryBase is not null ? BaseImageKind.Registry : definition.BaseKind;
        if (!Report(StartCheck.Check(binaryPaths, baseKind, registryBase, CancellationToken)))
        {
            return false;
        }

        var ignored = new List<Diagnostic>();
        var destination = PublishDestination.Decide(ContainerArchiveOutputPath, ContainerRegistry, LocalRegistry, LoadArchivePath, ignored);
        Report(ignored);
        var image = ImageAssembler.Assemble(definition, shared, apps, registryBase);

        // Each binary is read once, for the SBOM and the provenance alike.
        var binaries = binaryPaths.Select(b => ImageBinary.Read(b.Platform, b.BinaryPath)).ToDictionary(b => b.Platform);
        if (GenerateSbom)
        {
            image = image with { Referrers = SbomReferrers.Create(image, definition.Repository, AppPath, binaries, definition.Created, ImageVersion, CancellationToken) };
        }

        image = SignAndAttest(image, definition, binaries);
        var archivePath = destination.ArchiveFile(definition.Repository);
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
        PushRegistry = destination.Registry ?? "";
        LoadEngine = destination.Engine ?? "";
        GeneratedContainerLayoutPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(LayoutPath)) + Path.DirectorySeparatorChar;
        GeneratedContainer = image.Platforms.Select(p => (ITaskItem)new TaskItem(p.Platform.ToString(), new Dictionary<string, string>
        {
            ["ManifestDigest"] = p.Manifest.Descriptor.Digest.ToString(),
            ["ConfigDigest"] = p.Config.Descriptor.Digest.ToString(),
            ["Repository"] = definition.Repository,
            ["Tags"] = string.Join(';', definition.Tags),
            ["SbomDigest"] = image.Referrers.FirstOrDefault(r => r.ArtifactType == MediaTypes.SpdxJson && r.Subject.Digest == p.Manifest.Descriptor.Digest)?.Manifest.Descriptor.Digest.ToString() ?? "",
        })).ToArray();
        return true;
    }

    // Before anything is written: a key that cannot be read or opened fails the publish with nothing in the layout or registry.
    private ImageSet SignAndAttest(ImageSet image, ImageDefinition definition, IReadOnlyDictionary<ImagePlatform, ImageBinary> binaries)
    {
        var keyPath = SigningKey.Trim();
        if (keyPath.Length == 0 && !GenerateProvenance)
        {
            return image;
        }

        var key = keyPath.Length > 0 ? Signing.SigningKey.Load(Path.GetFullPath(keyPath), SigningPassword.FromProcess) : null;
        var facts = GenerateProvenance ? ProvenanceFacts(image, definition, binaries) : null;
        var registry = ContainerRegistry.Trim();
        var reference = registry.Length > 0 ? $"{registry}/{definition.Repository}" : definition.Repository;
        var signed = ImageSigner.Sign(image, reference, key, facts, definition.Created);
        if (key is not null)
        {
            Log.LogMessage(MessageImportance.High, $"  ImageLayout: signed {signed.Tagged.Count(t => t.Tag.EndsWith(".sig", StringComparison.Ordinal))} manifests, {signed.Tagged.Count(t => t.Tag.EndsWith(".att", StringComparison.Ordinal))} attested");
        }

        return signed;
    }

    private ProvenanceFacts ProvenanceFacts(ImageSet image, ImageDefinition definition, IReadOnlyDictionary<ImagePlatform, ImageBinary> binaries)
    {
        var (builder, invocation) = BuilderIdentity.Detect(SigningPassword.FromProcess);
        return new ProvenanceFacts
        {
            Project = ProjectFile,
            Platforms = image.Platforms.Select(p => p.Platform.ToString()).ToList(),
            Tags = definition.Tags,
            BuildFlags = ProvenanceParameters.Where(p => p.GetMetadata("Value").Length > 0).ToDictionary(p => p.ItemSpec, p => p.GetMetadata("Value"), StringComparer.Ordinal),
            SdkVersion = typeof(ImageLayout).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "",
            GoVersion = GoVersion,
            SourceRepository = RepositoryUrl,
            SourceRevision = SourceRevision,
            BaseImage = BaseImageReference,
            BuildInfos = image.Platforms.Where(p => binaries.ContainsKey(p.Platform)).Select(p => binaries[p.Platform].BuildInfo).ToList(),
            BuilderId = builder,
            InvocationId = invocation,
            Time = definition.Created,
        };
    }

    private ImageRequest CreateRequest() => new()
    {
        ProjectName = ProjectName,
        Repository = Repository.Trim(),
        Tag = ImageTag,
        Tags = ImageTags,
        ImageVersion = ImageVersion,
        GenerateSemVerTags = GenerateSemVerTags,
        BaseImage = BaseImage,
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

    private static KeyValuePair<string, string> Pair(ITaskItem item) => new(item.ItemSpec, item.GetMetadata("Value"));
}
