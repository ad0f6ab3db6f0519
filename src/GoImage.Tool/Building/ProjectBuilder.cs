using System.Diagnostics;
using GoImage.Tool.Output;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;

namespace GoImage.Tool.Building;

/// <summary>
/// Runs a project's targets in this process with the installed SDK's MSBuild, as <c>dotnet build</c>
/// does: a restore in its own evaluation first, then the targets, with no reused nodes left behind.
/// Only call it after <see cref="MSBuildRegistration.EnsureRegistered"/>.
/// </summary>
internal static class ProjectBuilder
{
    public static BuildOutcome Run(BuildRequest request, ConsoleReporter reporter, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var properties = request.Properties.ToDictionary(p => p.Key, string? (p) => p.Value, StringComparer.OrdinalIgnoreCase);
        using var logger = new BuildProgressLogger(reporter);
        using var collection = new ProjectCollection();
        var parameters = new BuildParameters(collection)
        {
            Loggers = [logger],
            EnableNodeReuse = false,
            MaxNodeCount = 1,
            ResetCaches = true,
        };

        var manager = BuildManager.DefaultBuildManager;
        using var cancel = cancellationToken.Register(manager.CancelAllSubmissions);
        manager.BeginBuild(parameters);
        try
        {
            // What -restore does: restore with its own evaluation (ExcludeRestorePackageImports) and drop the
            // caches, so the build's evaluation sees the assets and imports the restore just wrote.
            var restoreProperties = new Dictionary<string, string?>(properties, StringComparer.OrdinalIgnoreCase)
            {
                ["MSBuildRestoreSessionId"] = Guid.NewGuid().ToString("D"),
                ["ExcludeRestorePackageImports"] = "true",
            };
            var restore = manager.BuildRequest(new BuildRequestData(request.ProjectPath, restoreProperties, null, ["Restore"], null,
                BuildRequestDataFlags.ClearCachesAfterBuild | BuildRequestDataFlags.SkipNonexistentTargets
                | BuildRequestDataFlags.IgnoreMissingEmptyAndInvalidImports | BuildRequestDataFlags.FailOnUnresolvedSdk));
            if (restore.OverallResult != BuildResultCode.Success || cancellationToken.IsCancellationRequested)
            {
                return new BuildOutcome(false, clock.Elapsed);
            }

            var result = manager.BuildRequest(new BuildRequestData(request.ProjectPath, properties, null, [.. request.Targets], null,
                BuildRequestDataFlags.ProvideProjectStateAfterBuild));
            return result.OverallResult == BuildResultCode.Success && result.ProjectStateAfterBuild is { } project
                ? Outcome(project, request.ProjectPath, clock.Elapsed)
                : new BuildOutcome(false, clock.Elapsed);
        }
        finally
        {
            manager.EndBuild();
        }
    }

    /// <summary>
    /// Builds several projects in one MSBuild session, up to <paramref name="parallelism"/> at once (worker nodes as
    /// <c>dotnet build -m</c> starts them, none left running): each is restored, then its targets run. The outcomes
    /// come back in the order of <paramref name="requests"/>.
    /// </summary>
    public static IReadOnlyList<BuildOutcome> RunAll(IReadOnlyList<BuildRequest> requests, int parallelism, ConsoleReporter reporter, CancellationToken cancellationToken)
    {
        if (requests.Count == 1)
        {
            return [Run(requests[0], reporter, cancellationToken)];
        }

        var clock = Stopwatch.StartNew();
        using var logger = new BuildProgressLogger(reporter);
        using var collection = new ProjectCollection();
        var parameters = new BuildParameters(collection)
        {
            Loggers = [logger],
            EnableNodeReuse = false,
            MaxNodeCount = Math.Max(1, parallelism),
            ResetCaches = true,
        };

        var manager = BuildManager.DefaultBuildManager;
        using var cancel = cancellationToken.Register(manager.CancelAllSubmissions);
        manager.BeginBuild(parameters);
        try
        {
            // One restore at a time: each drops MSBuild's caches when done, as -restore does; the builds then run in parallel.
            var restored = requests.Select(r => !cancellationToken.IsCancellationRequested
                && Submit(manager, new BuildRequestData(r.ProjectPath, RestoreProperties(r), null, ["Restore"], null,
                    BuildRequestDataFlags.ClearCachesAfterBuild | BuildRequestDataFlags.SkipNonexistentTargets
                    | BuildRequestDataFlags.IgnoreMissingEmptyAndInvalidImports | BuildRequestDataFlags.FailOnUnresolvedSdk))
                    .GetAwaiter().GetResult().OverallResult == BuildResultCode.Success).ToList();
            if (cancellationToken.IsCancellationRequested)
            {
                return [.. requests.Select(_ => new BuildOutcome(false, clock.Elapsed))];
            }

            var builds = requests.Select((r, i) => restored[i]
                ? Submit(manager, new BuildRequestData(r.ProjectPath, Properties(r), null, [.. r.Targets], null, BuildRequestDataFlags.ProvideProjectStateAfterBuild))
                : null).ToList();
            return [.. builds.Select((b, i) => b?.GetAwaiter().GetResult() is { OverallResult: BuildResultCode.Success, ProjectStateAfterBuild: { } project }
                ? Outcome(project, requests[i].ProjectPath, clock.Elapsed)
                : new BuildOutcome(false, clock.Elapsed))];
        }
        finally
        {
            manager.EndBuild();
        }
    }

    private static Dictionary<string, string?> Properties(BuildRequest request) =>
        request.Properties.ToDictionary(p => p.Key, string? (p) => p.Value, StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, string?> RestoreProperties(BuildRequest request) =>
        new(Properties(request), StringComparer.OrdinalIgnoreCase)
        {
            ["MSBuildRestoreSessionId"] = Guid.NewGuid().ToString("D"),
            ["ExcludeRestorePackageImports"] = "true",
        };

    private static Task<BuildResult> Submit(BuildManager manager, BuildRequestData data)
    {
        var done = new TaskCompletionSource<BuildResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        manager.PendBuildRequest(data).ExecuteAsync(s => done.SetResult(s.BuildResult!), null);
        return done.Task;
    }

    // A project built on another node comes back without its Directory: the request's path says where it is.
    private static BuildOutcome Outcome(ProjectInstance project, string projectPath, TimeSpan duration)
    {
        string? Property(string name) => project.GetPropertyValue(name) is { Length: > 0 } value ? value : null;
        // Property values keep MSBuild's backslashes (PublishDir is bin\Release\publish\); only task parameters get them fixed.
        string? FullPath(string? path) => path is null ? null
            : Path.GetFullPath(Path.DirectorySeparatorChar == '/' ? path.Replace('\\', '/') : path, Path.GetDirectoryName(projectPath)!);

        var digest = Property("GeneratedContainerDigest");
        return new BuildOutcome(true, duration)
        {
            Configuration = project.GetPropertyValue("Configuration"),
            Binaries = project.GetItems("GoBinary")
                .Select(b => KeyValuePair.Create(b.GetMetadataValue("Platform"), FullPath(b.EvaluatedInclude)!))
                .ToList(),
            ImageDigest = digest,
            Repository = Property("GeneratedContainerRepository"),
            Tags = project.GetItems("GeneratedContainerTag").Select(t => t.EvaluatedInclude).ToList(),
            LayoutPath = digest is null ? null : FullPath(Property("ContainerImageLayoutPath")),
            ArchivePath = FullPath(Property("GeneratedArchiveOutputPath")),
            PushedReference = Property("GeneratedContainerReference"),
        };
    }
}
