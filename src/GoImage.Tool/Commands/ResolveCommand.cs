using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text;
using GoImage.Diagnostics;
using GoImage.Kubernetes;
using GoImage.Tool.Building;
using GoImage.Tool.Output;

namespace GoImage.Tool.Commands;

/// <summary>
/// <c>goimage resolve -f &lt;file|dir&gt;…</c>: ko's resolve for .goproj projects. Every <c>goimage://&lt;name&gt;</c> in the
/// manifests is a project; each is published and pushed once (in parallel, bounded), and the manifests come out with
/// those scalars pinned to the pushed digests and every other byte as read.
/// </summary>
internal static class ResolveCommand
{
    private const string Description = """
        Publish and push every project the manifests name as goimage://<name> (the .goproj file name without its
        extension, found under the repository or solution folder), then print the manifests with those scalars
        replaced by registry/repository@sha256:<digest>. Comments, quoting and key order are kept byte for byte.

        Output: the resolved files in input order, separated by '---', on standard output; with -o, each file
        written under that folder instead. Progress and errors go to standard error.

        Exit codes: 0 resolved; 1 a manifest, project or push failed (nothing is written);
        2 no such file or folder, or no manifest in it.
        """;

    public static Command Create()
    {
        var files = new Option<string[]>("--filename", "-f")
        {
            Description = "A manifest file (.yaml, .yml, .json) or a folder of them; repeat for more.",
            HelpName = "file|dir",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var recursive = new Option<bool>("--recursive", "-R") { Description = "Also read the folders' subfolders." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the resolved files under this folder instead of to standard output.", HelpName = "dir" };
        var imageRefs = new Option<string?>("--image-refs") { Description = "Also write every pinned reference, one a line, to this file.", HelpName = "file" };
        var registry = new Option<string?>("--registry") { Description = "Push to this registry (host[:port]); sets ContainerRegistry for every project.", HelpName = "host" };
        var configuration = new Option<string?>("--configuration", "-c") { Description = "The configuration (default: Release).", HelpName = "name" };
        var properties = new Option<string[]>("--property", "-p")
        {
            Description = "Set an MSBuild property for every project, name=value; ContainerKubernetesReference=tag writes repository:tag@sha256:….",
            HelpName = "name=value",
            DefaultValueFactory = _ => [],
        };
        var command = new Command("resolve", Description) { files, recursive, output, imageRefs, registry, configuration, properties };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var verbosity = VerbosityOption.Read(parseResult);
            // Standard output carries the YAML: the builds' progress goes to standard error.
            var error = parseResult.InvocationConfiguration.Error;
            var reporter = new ConsoleReporter(error, error, verbosity, interactive: false);
            var options = new ResolveOptions(
                parseResult.GetValue(files) ?? [], parseResult.GetValue(recursive), parseResult.GetValue(output), parseResult.GetValue(imageRefs),
                parseResult.GetValue(registry), parseResult.GetValue(configuration), parseResult.GetValue(properties) ?? [], verbosity);
            return Task.FromResult(Run(options, parseResult.InvocationConfiguration.Output, reporter, cancellationToken));
        });
        return command.WithExamples(
            "goimage resolve -f deploy/ --registry registry.example.com > release.yaml",
            "goimage resolve -f deploy/ -R -o out/ --image-refs out/images.txt",
            "goimage resolve -f k8s/api.yaml -f k8s/worker.yaml -p ContainerKubernetesReference=tag");
    }

    internal static int Run(ResolveOptions options, TextWriter output, ConsoleReporter reporter, CancellationToken cancellationToken)
    {
        try
        {
            var inputs = ManifestInputs.Expand(options.Files, options.Recursive);
            var diagnostics = new List<Diagnostic>();
            var set = KubernetesManifestSet.Read(inputs.Select(i => i.Path), diagnostics);
            var projects = Fail(diagnostics) ? null : set.LocateProjects(null, null, [SearchRoot(options.WorkingDirectory ?? Environment.CurrentDirectory)], diagnostics);
            if (projects is null || Fail(diagnostics))
            {
                diagnostics.ForEach(reporter.Report);
                return ExitCodes.Failure;
            }

            var assignments = options.Properties.Select(PropertyAssignment.Parse).ToList();
            var style = PushedImage.ParseStyle(assignments.LastOrDefault(a => a.Name.Equals("ContainerKubernetesReference", StringComparison.OrdinalIgnoreCase))?.Value, diagnostics);
            if (Fail(diagnostics))
            {
                diagnostics.ForEach(reporter.Report);
                return ExitCodes.Failure;
            }

            var names = projects.Keys.ToList();
            var images = names.Count == 0 ? new Dictionary<string, PushedImage?>() : Publish(names, projects, options, assignments, reporter, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                reporter.Report(Diagnostic.ResolveCanceled());
                return ExitCodes.Canceled;
            }

            if (images is null)
            {
                return ExitCodes.Failure;
            }

            var texts = set.Substitute(images, style, diagnostics);
            if (texts is null || Fail(diagnostics))
            {
                diagnostics.ForEach(reporter.Report);
                return ExitCodes.Failure;
            }

            return Write(set, inputs, texts, names.Select(n => images[n]!.Format(style)!).ToList(), options, output, reporter);
        }
        catch (CommandLineException e)
        {
            reporter.Report(e.Diagnostic);
            return ExitCodes.Usage;
        }
        catch (GoImageException e)
        {
            reporter.Report(e.Diagnostic);
            return ExitCodes.For(e.Diagnostic);
        }
    }

    // Kept apart and never inlined: the JIT loads Microsoft.Build only when this method is compiled,
    // which is after MSBuildLocator registered the SDK's copy.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Dictionary<string, PushedImage?>? Publish(List<string> names, IReadOnlyDictionary<string, string> projects, ResolveOptions options,
        List<PropertyAssignment> assignments, ConsoleReporter reporter, CancellationToken cancellationToken)
    {
        MSBuildRegistration.EnsureRegistered(Path.GetDirectoryName(projects[names[0]])!);
        // The projects' own KubernetesManifest items are not what this command writes: skip them (and their registry check).
        var requests = names.Select(n => BuildCommand.CreateRequest(projects[n], publish: true, options.Configuration,
            [.. assignments, new PropertyAssignment("GenerateKubernetesManifests", "false")], options.Registry, archive: null, options.Verbosity)).ToList();
        var outcomes = ProjectBuilder.RunAll(requests, Math.Min(names.Count, Environment.ProcessorCount), reporter, cancellationToken);
        var images = new Dictionary<string, PushedImage?>(StringComparer.Ordinal);
        var failed = false;
        for (var i = 0; i < names.Count; i++)
        {
            var outcome = outcomes[i];
            if (!outcome.Succeeded)
            {
                failed = true;
                if (!cancellationToken.IsCancellationRequested)
                {
                    reporter.Report(Diagnostic.ResolvePublishFailed(projects[names[i]], names[i]));
                }

                continue;
            }

            images[names[i]] = outcome.PushedReference is { } reference && PushedImage.TryCreate(reference, outcome.Tags.Count > 0 ? outcome.Tags[0] : null, out var image) ? image : null;
            reporter.Line($"  goimage://{names[i]} -> {outcome.PushedReference ?? "(not pushed)"}", Verbosity.Minimal);
        }

        return failed ? null : images;
    }

    private static int Write(KubernetesManifestSet set, IReadOnlyList<ManifestInput> inputs, IReadOnlyList<string> texts, IReadOnlyList<string> references,
        ResolveOptions options, TextWriter output, ConsoleReporter reporter)
    {
        var written = new List<string>();
        try
        {
            if (options.OutputDirectory is { } directory)
            {
                var paths = inputs.Select(i => Path.GetFullPath(Path.Combine(directory, i.RelativePath))).ToList();
                set.Write(texts, paths);
                written.AddRange(paths);
            }

            if (options.ImageRefsPath is { } refs)
            {
                // Under a temporary name first, so a reader never sees half a list.
                var full = Path.GetFullPath(refs);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                var temp = full + ".tmp";
                File.WriteAllText(temp, string.Concat(references.Select(r => r + "\n")));
                File.Move(temp, full, overwrite: true);
                written.Add(full);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            written.ForEach(File.Delete);
            reporter.Report(Diagnostic.ResolveOutputFailed(options.OutputDirectory ?? options.ImageRefsPath, e.Message));
            return ExitCodes.Failure;
        }

        if (options.OutputDirectory is null)
        {
            output.Write(Concatenate(texts));
            output.Flush();
        }

        return ExitCodes.Success;
    }

    /// <summary>The files as one stream of documents: each as read, a '---' line between two files.</summary>
    internal static string Concatenate(IReadOnlyList<string> texts)
    {
        var all = new StringBuilder();
        foreach (var text in texts)
        {
            if (all.Length > 0)
            {
                if (all[^1] != '\n')
                {
                    all.Append('\n');
                }

                all.Append("---\n");
            }

            all.Append(text);
        }

        return all.ToString();
    }

    /// <summary>Where goimage://name is looked for: the nearest folder up from here holding a solution or .git, else here.</summary>
    internal static string SearchRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))
                || dir.EnumerateFiles("*.sln").Any() || dir.EnumerateFiles("*.slnx").Any())
            {
                return dir.FullName;
            }
        }

        return start;
    }

    private static bool Fail(List<Diagnostic> diagnostics) => diagnostics.Any(d => !d.IsWarning);
}
