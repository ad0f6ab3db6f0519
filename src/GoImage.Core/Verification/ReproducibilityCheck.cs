using System.Text.Json;
using GoImage.Diagnostics;
using GoImage.Layouts;
using GoImage.Processes;

namespace GoImage.Verification;

/// <summary>
/// The reproducibility check: two copies of a project at different paths, each published by its own
/// <c>dotnet publish -p:PublishImage=true</c> with another time zone, temp folder, and fresh Go and layer
/// caches (so no cache hides a nondeterministic step), then the two OCI layouts compared blob by blob.
/// With <c>reuseGoCache</c> the second build takes the first build's warm GOCACHE instead (speed over isolation):
/// go has no read-only cache, and the first build has finished, so the folder itself is handed on.
/// </summary>
public static class ReproducibilityCheck
{
    /// <summary>The time zones of the two builds: as far apart as the calendar allows (UTC+14 vs UTC).</summary>
    public static readonly IReadOnlyList<string> TimeZones = ["UTC", "Pacific/Kiritimati"];

    public static async Task<ReproducibilityResult> RunAsync(
        string projectFile,
        string workDirectory,
        Action<string> progress,
        Action<PublishedCopy> published,
        CancellationToken cancellationToken,
        bool reuseGoCache = false)
    {
        // Different depths as well as names: a path that leaks into an output changes its length too.
        var roots = new[] { Path.Combine(workDirectory, "1"), Path.Combine(workDirectory, "second", "copy") };
        var sourceDateEpoch = await SourceDateEpochAsync(projectFile, progress, cancellationToken).ConfigureAwait(false);
        var copies = new List<PublishedCopy>();
        for (var i = 0; i < roots.Length; i++)
        {
            var number = i + 1;
            progress($"Copying the project for build {number} of 2 into {roots[i]}");
            var copy = ProjectCopy.Create(projectFile, roots[i]);
            var goCache = reuseGoCache && number == 2 ? GoCache(1, workDirectory) : null;
            var caches = goCache is null ? "fresh GOCACHE and GOIMAGE_CACHE" : "build 1's warm GOCACHE, fresh GOIMAGE_CACHE";
            progress($"Publishing copy {number} of 2 (TZ={TimeZones[i]}, {caches}): {copy}");
            var result = await PublishAsync(number, copy, workDirectory, TimeZones[i], sourceDateEpoch, goCache, cancellationToken).ConfigureAwait(false);
            published(result);
            if (!result.Succeeded)
            {
                throw new GoImageException(Diagnostic.VerifyPublishFailed(number, copy, result.ExitCode));
            }

            if (!OciLayout.IsLayout(result.LayoutPath))
            {
                throw new GoImageException(Diagnostic.VerifyLayoutMissing(number, result.LayoutPath));
            }

            copies.Add(result);
        }

        progress("Comparing the two images");
        var comparison = ImageComparer.Compare(copies[0].LayoutPath, copies[1].LayoutPath, cancellationToken);
        return new ReproducibilityResult(comparison, copies[0], copies[1], workDirectory);
    }

    /// <summary>The arguments of each build: the image only in the layout (never pushed, loaded or archived outside the copy).</summary>
    public static IReadOnlyList<string> PublishArguments(string projectFile) =>
    [
        "publish", projectFile, "-nodeReuse:false", "-nologo",
        "-p:PublishImage=true", "-p:ContainerRegistry=", "-p:LocalRegistry=", "-p:ContainerArchiveOutputPath=",
        "-getProperty:ContainerImageLayoutPath", "-getProperty:GeneratedContainerDigest",
    ];

    /// <summary>
    /// The SOURCE_DATE_EPOCH both builds get: the environment's, else the HEAD commit time of the repository holding the
    /// project. The copies sit outside that repository (or hold a copy of .git), so each left alone could see another commit
    /// time, or none, than the project builds with.
    /// </summary>
    public static async Task<string?> SourceDateEpochAsync(string projectFile, Action<string> progress, CancellationToken cancellationToken)
    {
        if (System.Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") is { Length: > 0 } inherited)
        {
            return inherited;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
        var seconds = await SourceControl.GitCommitTime.ReadAsync(directory, d => progress(d.ToString()), cancellationToken).ConfigureAwait(false);
        if (seconds is not { } value)
        {
            return null;
        }

        var text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        progress($"Both builds take SOURCE_DATE_EPOCH={text} from the HEAD commit of {SourceControl.GitCommitTime.FindRepositoryRoot(directory)}");
        return text;
    }

    /// <summary>The GOCACHE build <paramref name="number"/> starts empty.</summary>
    public static string GoCache(int number, string workDirectory) => Path.Combine(workDirectory, $"environment-{number}", "gocache");

    /// <summary>
    /// What each build's environment changes: its time zone, its temp folder and empty caches of its own (or the given
    /// <paramref name="goCache"/>); both get the same SOURCE_DATE_EPOCH.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment(
        int number, string workDirectory, string timeZone, string? sourceDateEpoch = null, string? goCache = null)
    {
        var own = Path.Combine(workDirectory, $"environment-{number}");
        var environment = new Dictionary<string, string?>
        {
            ["TZ"] = timeZone,
            ["TMPDIR"] = Path.Combine(own, "tmp"),
            ["GOCACHE"] = goCache ?? GoCache(number, workDirectory),
            ["GOIMAGE_CACHE"] = Path.Combine(own, "imagecache"),
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            // The copies may share the original's git folder (ProjectCopy.LinkRepository): git must not refresh its index.
            ["GIT_OPTIONAL_LOCKS"] = "0",
        };
        if (sourceDateEpoch is not null)
        {
            environment["SOURCE_DATE_EPOCH"] = sourceDateEpoch;
        }

        foreach (var folder in new[] { "TMPDIR", "GOCACHE", "GOIMAGE_CACHE" })
        {
            Directory.CreateDirectory(environment[folder]!);
        }

        return environment;
    }

    private static async Task<PublishedCopy> PublishAsync(
        int number, string projectFile, string workDirectory, string timeZone, string? sourceDateEpoch, string? goCache, CancellationToken cancellationToken)
    {
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        var environment = Environment(number, workDirectory, timeZone, sourceDateEpoch, goCache);
        var result = await ProcessRunner.RunAsync(
            "dotnet", PublishArguments(projectFile), projectDirectory, environment, cancellationToken).ConfigureAwait(false);
        var output = result.StandardOutput + string.Join('\n', result.StandardErrorLines);
        var layout = Path.Combine(projectDirectory, "bin", "Release", "publish", "image");
        if (result.ExitCode == 0 && ReadProperty(result.StandardOutput, "ContainerImageLayoutPath") is { Length: > 0 } reported)
        {
            // MSBuild reports the value as evaluated, with the SDK's '\' separators left in on Unix too.
            var native = reported.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar);
            layout = Path.GetFullPath(Path.Combine(projectDirectory, native));
        }

        return new PublishedCopy(number, projectFile, timeZone, layout)
        {
            Output = output,
            ExitCode = result.ExitCode,
        };
    }

    /// <summary>With several -getProperty switches MSBuild prints <c>{"Properties":{…}}</c> after the build.</summary>
    private static string? ReadProperty(string output, string name)
    {
        for (var at = output.IndexOf('{', StringComparison.Ordinal); at >= 0; at = output.IndexOf('{', at + 1))
        {
            try
            {
                using var document = JsonDocument.Parse(output[at..]);
                return document.RootElement.TryGetProperty("Properties", out var properties) && properties.TryGetProperty(name, out var value)
                    ? value.GetString()
                    : null;
            }
            catch (JsonException)
            {
                // Not where the JSON starts: build output can hold braces too.
            }
        }

        return null;
    }
}
