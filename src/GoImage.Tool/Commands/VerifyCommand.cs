using System.CommandLine;
using GoImage.Diagnostics;
using GoImage.Tool.Building;
using GoImage.Tool.Output;
using GoImage.Verification;

namespace GoImage.Tool.Commands;

/// <summary><c>goimage verify</c>: builds the image twice in different surroundings and proves the bytes are the same.</summary>
internal static class VerifyCommand
{
    private const string Description = """
        Check that a project's image is reproducible: copy the project twice (to different paths,
        without bin/ and obj/), publish each copy with 'dotnet publish -p:PublishImage=true' under
        another time zone and temp folder with empty Go and layer caches, and compare the images.
        When they differ, name the first differing blob (platform, config or layer), the differing
        config properties, and the first file in the layer whose header or content differs.
        Nothing is pushed or loaded. The copies are deleted afterwards unless --keep is given.
        --reuse-go-cache trades isolation for speed: the second build reuses the first build's
        warm Go build cache, so go takes what the first build compiled (with -trimpath, every
        package) and only links again; a nondeterministic compile step then goes unseen, while
        linker flags, embedded values and the image assembly are still compared.

        PROJECT is a .goproj file or a folder holding one (default: the current folder).

        Examples:
          goimage verify
          goimage verify samples/hello/hello.goproj --keep
          goimage verify --reuse-go-cache
          goimage verify --verbosity detailed

        Exit codes: 0 the two images are identical; 1 they differ; 2 a usage error or setup failed
        (a command line that does not parse, no project, a copy failed to build on its own, no layout
        was written); 130 canceled.
        """;

    public static Command Create()
    {
        var project = new Argument<string?>("project") { Description = "A .goproj file or a folder holding one.", Arity = ArgumentArity.ZeroOrOne };
        var keep = new Option<bool>("--keep") { Description = "Keep the two copies (and their images) for a closer look." };
        var reuseGoCache = new Option<bool>("--reuse-go-cache")
        {
            Description = "Let the second build reuse the first build's warm Go build cache: faster, but a nondeterministic compile step goes unseen.",
        };
        var command = new Command("verify", Description) { project, keep, reuseGoCache };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            ConsoleReporter.From(parseResult),
            parseResult.GetValue(project),
            parseResult.GetValue(keep),
            cancellationToken,
            parseResult.GetValue(reuseGoCache)));
        return command;
    }

    /// <remarks>The reporter's verbosity: quiet, only the verdict; minimal and normal, progress; detailed, also both builds' output.</remarks>
    internal static async Task<int> RunAsync(ConsoleReporter console, string? project, bool keep, CancellationToken cancellationToken, bool reuseGoCache = false)
    {
        var quiet = console.Verbosity == Verbosity.Quiet;
        var detailed = console.Verbosity == Verbosity.Detailed;
        string projectFile;
        try
        {
            projectFile = ProjectFileLocator.Find(Environment.CurrentDirectory, project, "verify");
        }
        catch (CommandLineException e)
        {
            console.Report(e.Diagnostic);
            return ExitCodes.Usage;
        }

        var workDirectory = Path.Combine(Path.GetTempPath(), "goimage-verify-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var result = await ReproducibilityCheck.RunAsync(
                projectFile,
                workDirectory,
                line =>
                {
                    if (!quiet)
                    {
                        console.Error.WriteLine(line);
                    }
                },
                copy =>
                {
                    // A failed build's output is the explanation the user needs, at any verbosity.
                    if (detailed || !copy.Succeeded)
                    {
                        console.Error.WriteLine(copy.Output.TrimEnd());
                    }
                },
                cancellationToken,
                reuseGoCache).ConfigureAwait(false);

            var lines = ComparisonText.Describe(result.Comparison, $"copy 1, TZ={result.First.TimeZone}", $"copy 2, TZ={result.Second.TimeZone}");
            if (result.Comparison.Identical)
            {
                await console.Output.WriteLineAsync($"Reproducible: both builds of {Path.GetFileName(projectFile)} produced {result.Comparison.First}.").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            foreach (var line in lines)
            {
                await console.Output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return ExitCodes.Failure;
        }
        catch (GoImageException e)
        {
            var code = console.Fail(e.Diagnostic);
            return code == ExitCodes.Canceled ? code : ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            return console.Fail(Diagnostic.ImageCommandCanceled("verify", "the builds were stopped"));
        }
        finally
        {
            if (keep)
            {
                await console.Error.WriteLineAsync($"The copies and their images are kept in {workDirectory}").ConfigureAwait(false);
            }
            else
            {
                Remove(workDirectory);
            }
        }
    }

    private static void Remove(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder must not turn a verdict into an error.
        }
    }
}
