using System.CommandLine;
using System.Runtime.CompilerServices;
using GoImage.Diagnostics;
using GoImage.Tool.Building;
using GoImage.Tool.Output;

namespace GoImage.Tool.Commands;

/// <summary>
/// <c>goimage build|publish [project]</c>: the project's own targets, run in this process through the
/// installed SDK's MSBuild, with progress and a summary. <c>publish</c> is <c>dotnet publish -p:PublishImage=true</c>.
/// </summary>
internal static class BuildCommand
{
    public static Command Create(string name)
    {
        var publish = name == "publish";
        var project = new Argument<string?>("project")
        {
            Description = "The .goproj, or a folder holding exactly one. Default: the one in the current folder.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var configuration = new Option<string?>("--configuration", "-c")
        {
            Description = publish ? "The configuration (default: Release)." : "The configuration (default: the project's, Debug).",
            HelpName = "name",
        };
        var properties = new Option<string[]>("--property", "-p")
        {
            Description = "Set an MSBuild property, name=value; repeat for more.",
            HelpName = "name=value",
            DefaultValueFactory = _ => [],
        };
        var command = new Command(name, (publish
            ? "Build the Go program and its OCI image (dotnet publish -p:PublishImage=true): a layout, optionally a tarball or a push."
            : "Cross-compile the Go program for every platform in GoTargetPlatforms (dotnet build).")
            + "\n\n" + ExitCodesHelp)
        {
            project,
            configuration,
            properties,
        };

        Option<string?>? registry = null;
        Option<string?>? archive = null;
        if (publish)
        {
            registry = new Option<string?>("--registry")
            {
                Description = "Push the image to this registry (host[:port]); sets ContainerRegistry.",
                HelpName = "host",
            };
            archive = new Option<string?>("--archive")
            {
                Description = "Also write a tarball (podman/docker load, oci-archive:); sets ContainerArchiveOutputPath.",
                HelpName = "path",
            };
            command.Add(registry);
            command.Add(archive);
        }

        command.SetAction((parseResult, cancellationToken) =>
        {
            var reporter = ConsoleReporter.From(parseResult);
            var assignments = new List<PropertyAssignment>();
            try
            {
                assignments.AddRange((parseResult.GetValue(properties) ?? []).Select(PropertyAssignment.Parse));
                var projectPath = ProjectFileLocator.Find(Environment.CurrentDirectory, parseResult.GetValue(project), name);
                var request = CreateRequest(projectPath, publish, parseResult.GetValue(configuration), assignments,
                    registry is null ? null : parseResult.GetValue(registry),
                    archive is null ? null : parseResult.GetValue(archive),
                    reporter.Verbosity);
                MSBuildRegistration.EnsureRegistered(Path.GetDirectoryName(projectPath)!);
                return Task.FromResult(Build(request, reporter, cancellationToken));
            }
            catch (CommandLineException e)
            {
                reporter.Report(e.Diagnostic);
                return Task.FromResult(ExitCodes.Usage);
            }
            catch (GoImageException e)
            {
                reporter.Report(e.Diagnostic);
                return Task.FromResult(ExitCodes.Failure);
            }
        });

        return publish
            ? command.WithExamples(
                "goimage publish                                  # OCI layout in bin/Release/publish/image/",
                "goimage publish --archive out/app.tar            # also a tarball for podman/docker load",
                "goimage publish --registry registry.example.com  # push; prints the pinned reference",
                "goimage publish -p GoTargetPlatforms=\"linux/amd64;linux/arm64\" -p Version=1.2.3")
            : command.WithExamples(
                "goimage build                                    # the .goproj in this folder",
                "goimage build services/api/api.goproj -c Release",
                "goimage build -p GoTargetPlatforms=linux/arm64 -v normal");
    }

    private const string ExitCodesHelp = """
        Exit codes: 0 built; 1 the build failed (its errors are above); 2 a usage error (a command line
        that does not parse, no project or several in the folder, a project that does not exist, a bad -p).
        """;

    /// <summary>The targets and global properties, in the order MSBuild's command line would apply them.</summary>
    internal static BuildRequest CreateRequest(string projectPath, bool publish, string? configuration, IEnumerable<PropertyAssignment> assignments,
        string? registry, string? archive, Verbosity verbosity)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (publish)
        {
            properties["PublishImage"] = "true";
            // dotnet publish builds Release by default (PublishRelease) and tells the SDK it is publishing.
            properties["Configuration"] = "Release";
            properties["_IsPublishing"] = "true";
        }

        foreach (var assignment in assignments)
        {
            properties[assignment.Name] = assignment.Value;
        }

        if (configuration is { Length: > 0 })
        {
            properties["Configuration"] = configuration;
        }

        if (registry is { Length: > 0 })
        {
            properties["ContainerRegistry"] = registry;
        }

        if (archive is { Length: > 0 })
        {
            // Relative to where the user typed it, not to the project; a trailing '/' still means "a folder".
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(archive));
            properties["ContainerArchiveOutputPath"] = Path.EndsInDirectorySeparator(archive) ? full + "/" : full;
        }

        return new BuildRequest(projectPath, [publish ? "Publish" : "Build"], properties, verbosity);
    }

    // Kept apart and never inlined: the JIT loads Microsoft.Build only when this method is compiled,
    // which is after MSBuildLocator registered the SDK's copy.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Build(BuildRequest request, ConsoleReporter reporter, CancellationToken cancellationToken)
    {
        var outcome = ProjectBuilder.Run(request, reporter, cancellationToken);
        OciLayoutContents? layout = null;
        if (outcome is { Succeeded: true, LayoutPath: { } layoutPath })
        {
            try
            {
                layout = OciLayoutContents.Read(layoutPath);
            }
            catch (GoImageException e)
            {
                reporter.Report(Diagnostic.ToolLayoutUnreadable(layoutPath, e.Diagnostic.Message));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                reporter.Report(Diagnostic.ToolLayoutUnreadable(layoutPath, e.Message));
            }
        }

        foreach (var line in BuildSummary.Render(request, outcome, reporter.ErrorCount, reporter.WarningCount, layout))
        {
            reporter.Line(line, Verbosity.Quiet);
        }

        return outcome.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }
}
