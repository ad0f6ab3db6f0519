using System.Globalization;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Composition;

/// <summary>
/// Checks an <see cref="ImageRequest"/> and turns it into an <see cref="ImageDefinition"/>. Every
/// problem is reported, not just the first, so one publish shows the user all there is to fix.
/// </summary>
public static class ImageRequestValidator
{
    private const string AnnotationPrefix = "org.opencontainers.image.";

    public static ImageDefinition? Validate(ImageRequest request, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var baseKind = BaseImage(request.BaseImage, diagnostics);
        var repository = Repository(request, diagnostics);
        var tags = Tags(request, diagnostics);
        if (!SourceDateEpoch.TryParse(request.SourceDateEpoch, out var epoch))
        {
            diagnostics.Add(Diagnostic.InvalidSourceDateEpoch(request.SourceDateEpoch));
        }

        var created = SourceDateEpoch.ToTime(epoch);
        var config = new ContainerConfig
        {
            User = User(request.User, diagnostics),
            WorkingDirectory = WorkingDirectory(request.WorkingDirectory, diagnostics),
            Volumes = Volumes(request.Volumes, diagnostics),
            ExposedPorts = Ports(request.Ports, diagnostics),
            Environment = Environment(request.EnvironmentVariables, diagnostics),
            Entrypoint = [.. request.AppCommand.Count > 0 ? request.AppCommand : [request.AppPath], .. request.AppCommandArgs],
            Cmd = request.DefaultArgs,
            HealthCheck = HealthCheck(request, diagnostics),
        };
        var annotations = GeneratedAnnotations(request, created);
        var labels = new Dictionary<string, string>(annotations, StringComparer.Ordinal);
        foreach (var (key, value) in request.Labels)
        {
            if (key.Trim().Length == 0)
            {
                diagnostics.Add(Diagnostic.InvalidLabel(key, "the key is empty"));
                continue;
            }

            labels[key] = value; // the user's value wins over a generated one
        }

        if (diagnostics.Count > before)
        {
            return null;
        }

        return new ImageDefinition(repository, tags, config with { Labels = labels }, created) { Annotations = annotations, BaseKind = baseKind ?? BaseImageKind.Static };
    }

    /// <summary>Reads ContainerBaseImage: empty or <c>static</c>, <c>scratch</c>, or a registry image reference.</summary>
    public static BaseImageKind? BaseImage(string baseImage, List<Diagnostic> diagnostics)
    {
        switch (baseImage.Trim().ToLowerInvariant())
        {
            case "" or StaticBase.Name:
                return BaseImageKind.Static;
            case "scratch":
                return BaseImageKind.Scratch;
            default:
                if (ImageReference.TryParse(baseImage, out _, out var problem))
                {
                    return BaseImageKind.Registry;
                }

                diagnostics.Add(Diagnostic.InvalidImageReference("ContainerBaseImage", baseImage, problem));
                return null;
        }
    }

    /// <summary>Reads ContainerLayerCompression: empty or <c>gzip</c>, or <c>zstd</c>; anything else is GOI2029.</summary>
    public static LayerCompression? LayerCompression(string compression, List<Diagnostic> diagnostics)
    {
        var parsed = Layers.LayerCompression.Parse(compression);
        if (parsed is null)
        {
            diagnostics.Add(Diagnostic.InvalidLayerCompression(compression));
        }

        return parsed;
    }

    private static string Repository(ImageRequest request, List<Diagnostic> diagnostics)
    {
        var repository = request.Repository.Length > 0 ? request.Repository : ImageName.NormalizeRepository(request.ProjectName);
        if (ImageName.RepositoryProblem(repository) is { } problem)
        {
            diagnostics.Add(Diagnostic.InvalidRepository(repository, problem));
        }

        return repository;
    }

    private static List<string> Tags(ImageRequest request, List<Diagnostic> diagnostics)
    {
        var tag = request.Tag.Trim();
        var listed = request.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
        if (tag.Length > 0 && listed.Count > 0)
        {
            diagnostics.Add(Diagnostic.BothTagProperties(tag, string.Join(';', listed)));
        }

        var (tags, source) = tag.Length > 0 ? ([tag], "ContainerImageTag") : (listed, "ContainerImageTags");
        foreach (var problem in tags.Select(t => (Tag: t, Problem: ImageName.TagProblem(t))).Where(p => p.Problem is not null))
        {
            diagnostics.Add(Diagnostic.InvalidTag(problem.Tag, source, problem.Problem));
        }

        if (request.GenerateSemVerTags && SemVerTags.For(request.ImageVersion) is { } semver)
        {
            tags.AddRange(semver);
        }

        if (tags.Count == 0)
        {
            tags.Add("latest");
        }

        return tags.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string User(string user, List<Diagnostic> diagnostics)
    {
        user = user.Trim();
        if (user.Length == 0)
        {
            return "65532:65532";
        }

        var parts = user.Split(':');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0 || p.Any(char.IsWhiteSpace)))
        {
            diagnostics.Add(Diagnostic.InvalidContainerUser(user, "expected user or user:group without spaces"));
        }

        return user;
    }

    private static string WorkingDirectory(string directory, List<Diagnostic> diagnostics)
    {
        directory = directory.Trim();
        if (directory.Length == 0)
        {
            return "/";
        }

        if (!directory.StartsWith('/'))
        {
            diagnostics.Add(Diagnostic.InvalidWorkingDirectory(directory));
        }

        return directory;
    }

    private static List<string> Volumes(IReadOnlyList<string> volumes, List<Diagnostic> diagnostics)
    {
        var result = new List<string>();
        foreach (var volume in volumes)
        {
            if (ContainerDirectory.VolumePath(volume) is { } path)
            {
                result.Add("/" + path);
            }
            else
            {
                diagnostics.Add(Diagnostic.InvalidContainerVolume(volume, "it is not an absolute folder path below /"));
            }
        }

        return result.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> Ports(IReadOnlyList<KeyValuePair<string, string>> ports, List<Diagnostic> diagnostics)
    {
        var result = new List<string>();
        foreach (var (spec, typeMetadata) in ports)
        {
            var slash = spec.IndexOf('/', StringComparison.Ordinal);
            var number = slash < 0 ? spec.Trim() : spec[..slash].Trim();
            var type = (slash < 0 ? typeMetadata : spec[(slash + 1)..]).Trim().ToLowerInvariant();
            if (slash >= 0 && typeMetadata.Trim().Length > 0 && !typeMetadata.Trim().Equals(type, StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(Diagnostic.PortProtocolDisagrees(spec, type, typeMetadata));
                continue;
            }

            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                diagnostics.Add(Diagnostic.InvalidPort(spec, number));
                continue;
            }

            type = type.Length == 0 ? "tcp" : type;
            if (type is not ("tcp" or "udp"))
            {
                diagnostics.Add(Diagnostic.PortProtocolUnknown(spec, type));
                continue;
            }

            result.Add(string.Create(CultureInfo.InvariantCulture, $"{port}/{type}"));
        }

        return result;
    }

    private static List<string> Environment(IReadOnlyList<KeyValuePair<string, string>> variables, List<Diagnostic> diagnostics)
    {
        var result = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            var problem = name.Length == 0 ? "the name is empty"
                : name.Contains('=', StringComparison.Ordinal) ? "it contains '='"
                : name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "it contains white space"
                : null;
            if (problem is not null)
            {
                diagnostics.Add(Diagnostic.InvalidEnvironmentVariable(name, problem));
                continue;
            }

            // A later item replaces an earlier one in place, as MSBuild properties would.
            if (seen.TryGetValue(name, out var at))
            {
                result[at] = $"{name}={value}";
            }
            else
            {
                seen[name] = result.Count;
                result.Add($"{name}={value}");
            }
        }

        return result;
    }

    private static HealthCheck? HealthCheck(ImageRequest request, List<Diagnostic> diagnostics)
    {
        if (request.HealthCheckCommand.Count == 0)
        {
            return null;
        }

        TimeSpan Duration(string property, string text)
        {
            if (text.Trim().Length == 0)
            {
                return TimeSpan.Zero;
            }

            if (!GoDuration.TryParse(text, out var value) || value <= TimeSpan.Zero)
            {
                diagnostics.Add(Diagnostic.InvalidHealthCheck(property, text));
            }

            return value;
        }

        var retries = 0;
        if (request.HealthCheckRetries.Trim().Length > 0
            && !int.TryParse(request.HealthCheckRetries.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out retries))
        {
            diagnostics.Add(Diagnostic.HealthCheckRetriesInvalid(request.HealthCheckRetries));
        }

        return new HealthCheck(
            request.HealthCheckCommand,
            Duration("ContainerHealthCheckInterval", request.HealthCheckInterval),
            Duration("ContainerHealthCheckTimeout", request.HealthCheckTimeout),
            Duration("ContainerHealthCheckStartPeriod", request.HealthCheckStartPeriod),
            retries);
    }

    private static Dictionary<string, string> GeneratedAnnotations(ImageRequest request, DateTimeOffset created)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.GenerateCreatedLabel)
        {
            annotations[AnnotationPrefix + "created"] = Timestamps.Format(created);
        }

        foreach (var (name, value) in request.GeneratedLabels)
        {
            if (value.Trim().Length > 0)
            {
                annotations[AnnotationPrefix + name] = value.Trim();
            }
        }

        return annotations;
    }
}
