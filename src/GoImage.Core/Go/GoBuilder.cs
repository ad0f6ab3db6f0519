using GoImage.Diagnostics;
using GoImage.Processes;

namespace GoImage.Go;

/// <summary>
/// Builds one Go main package for several platforms: checks the toolchain, runs the builds in
/// parallel into a staging folder, learns the input set from <c>go list</c>, and only then moves
/// the binaries into place — a failure anywhere leaves no binary behind.
/// </summary>
public sealed class GoBuilder(GoToolchain toolchain, Action<string> log)
{
    /// <summary>How many go commands run at once; each go build is itself parallel inside.</summary>
    public int MaxParallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Where the last build's go list answers are kept, to skip go list while they still hold; null to always run it.</summary>
    public GoListCache? ListCache { get; init; }

    /// <summary>The PATH that C compilers are looked up in (a GoEnvironmentVariable PATH wins).</summary>
    public string? SearchPath { get; init; } = Environment.GetEnvironmentVariable("PATH");

    public async Task<GoBuildResult> BuildAsync(
        GoBuildSettings settings, IReadOnlyList<GoBuildTarget> targets, string stagingDirectory, CancellationToken cancellationToken)
    {
        // go runs in the module root, not the project folder: a relative -o would put the binary elsewhere.
        RequireFullPath(stagingDirectory, nameof(stagingDirectory));
        foreach (var target in targets)
        {
            RequireFullPath(target.OutputPath, nameof(targets));
        }

        var inputs = new GoInputSet();
        var diagnostics = new List<Diagnostic>();
        string? version;
        try
        {
            version = await VerifyToolchainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GoImageException e)
        {
            return new GoBuildResult(false, [e.Diagnostic], inputs, null);
        }

        // Every platform's C compiler before any compile: a missing one is an answer, not a half-built set.
        var compilers = new CCompiler?[targets.Count];
        if (settings.UsesExternalLinker)
        {
            var path = settings.Environment.LastOrDefault(e => e.Key == "PATH").Value ?? SearchPath;
            for (var i = 0; i < targets.Count; i++)
            {
                try
                {
                    compilers[i] = CCompilerLocator.Locate(targets[i].Platform, settings.CCompilers, GoPlatform.HostLinux(), path, settings.LinksStatically);
                    log($"C compiler for {targets[i].Platform}: {compilers[i]}");
                }
                catch (GoImageException e)
                {
                    diagnostics.Add(e.Diagnostic);
                }
            }

            if (diagnostics.Count > 0)
            {
                return new GoBuildResult(false, Distinct(diagnostics), inputs, version);
            }
        }

        var staged = targets.Select(t => Path.Combine(stagingDirectory, t.Platform.DirectoryName, Path.GetFileName(t.OutputPath))).ToList();
        var listOutputs = new string?[targets.Count];
        var listKeys = new string[targets.Count];
        var answered = ListCache?.Read() ?? new Dictionary<string, string>();
        using var gate = new SemaphoreSlim(MaxParallelism);
        var builds = targets.Select(async (target, i) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var plan = GoBuildPlan.Create(settings, target.Platform, staged[i], compilers[i]);
                listKeys[i] = GoListCache.Key(toolchain.Executable, version ?? "", plan);
                var found = await BuildOneAsync(plan, settings.ModuleDirectory, answered.GetValueOrDefault(listKeys[i]), cancellationToken).ConfigureAwait(false);
                listOutputs[i] = found.ListOutput;
                lock (diagnostics)
                {
                    diagnostics.AddRange(found.Diagnostics);
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToList();

        try
        {
            await Task.WhenAll(builds).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            RemoveOutputs(targets, stagingDirectory);
            return new GoBuildResult(false, [Diagnostic.GoBuildCanceled()], inputs, version);
        }

        // go build exiting 0 without the binary is a wrong package or flag, not a disk problem.
        for (var i = 0; i < targets.Count; i++)
        {
            if (listOutputs[i] is not null && !File.Exists(staged[i]))
            {
                diagnostics.Add(Diagnostic.GoBinaryNotWritten(targets[i].Platform, staged[i]));
            }
        }

        if (diagnostics.Any(d => !d.IsWarning))
        {
            RemoveOutputs(targets, stagingDirectory);
            return new GoBuildResult(false, Distinct(diagnostics), inputs, version);
        }

        for (var i = 0; i < targets.Count; i++)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(targets[i].OutputPath)!);
                File.Move(staged[i], targets[i].OutputPath, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Across file systems a move is a copy, and a full disk then says only "No space left on device".
                RemoveOutputs(targets, stagingDirectory);
                return new GoBuildResult(false, [MoveFailed(targets[i], staged[i], e)], inputs, version);
            }

            inputs.AddGoListOutput(listOutputs[i]!, settings.ModuleDirectory);
        }

        inputs.AddModuleFiles(settings.ModuleDirectory);
        foreach (var compiler in compilers.OfType<CCompiler>())
        {
            inputs.AddProgram(compiler.Executable);
        }

        ListCache?.Write(listKeys.Zip(listOutputs, (key, output) => (key, output!)).DistinctBy(p => p.key).ToDictionary(p => p.key, p => p.Item2, StringComparer.Ordinal), inputs);
        TryDelete(stagingDirectory);
        return new GoBuildResult(true, Distinct(diagnostics), inputs, version);
    }

    /// <param name="answered">The list output recorded for this very list, still valid: go list is not run.</param>
    private async Task<(string? ListOutput, List<Diagnostic> Diagnostics)> BuildOneAsync(GoBuildPlan plan, string moduleDirectory, string? answered, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        log($"go {string.Join(' ', plan.BuildArguments)}  [{plan.Platform}]");

        // go list reads what go build reads but needs nothing it writes: run both at once.
        var buildTask = RunGoAsync(plan.BuildArguments, moduleDirectory, plan.Environment, cancellationToken);
        if (answered is not null)
        {
            log($"go list: the answer of the last build still holds  [{plan.Platform}]");
        }

        var listTask = answered is null ? RunGoAsync(plan.ListArguments, moduleDirectory, plan.Environment, cancellationToken) : null;
        await Task.WhenAll(listTask is null ? [buildTask] : [buildTask, listTask]).ConfigureAwait(false);
        var (build, list) = (buildTask.Result, listTask?.Result);
        if (build.ExitCode != 0)
        {
            diagnostics.AddRange(GoOutputParser.ParseBuildErrors(build.StandardErrorLines, moduleDirectory, plan.Platform, build.ExitCode));
            return (null, diagnostics);
        }

        if (list is null)
        {
            return (answered, diagnostics);
        }

        if (list.ExitCode != 0)
        {
            diagnostics.Add(Diagnostic.GoListFailed(plan.Platform, list.ExitCode, string.Join(Environment.NewLine, list.StandardErrorLines)));
            return (null, diagnostics);
        }

        return (list.StandardOutput, diagnostics);
    }

    /// <summary>
    /// Asks the toolchain for its own GOROOT and version: a go binary that reports another root is
    /// a mixed installation, which compiles against the wrong standard library.
    /// </summary>
    private async Task<string> VerifyToolchainAsync(CancellationToken cancellationToken)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["GOROOT"] = null, ["GOTOOLCHAIN"] = "local", ["GOFLAGS"] = null };
        ProcessResult result;
        try
        {
            result = await RunGoAsync(["env", "GOROOT", "GOVERSION"], Path.GetTempPath(), env, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GoImageException(Diagnostic.GoToolchainFailed(toolchain.Executable, e.Message));
        }

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (result.ExitCode != 0 || lines.Length < 2)
        {
            throw new GoImageException(Diagnostic.GoToolchainFailed(toolchain.Executable, string.Join(" ", result.StandardErrorLines)));
        }

        if (!SamePath(lines[0], toolchain.GoRoot))
        {
            throw new GoImageException(Diagnostic.GoRootMismatch(toolchain.Executable, lines[0], toolchain.GoRoot));
        }

        return lines[1];
    }

    private Task<ProcessResult> RunGoAsync(IEnumerable<string> arguments, string directory, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(toolchain.Executable, arguments, directory, environment, cancellationToken);

    private static bool SamePath(string a, string b)
    {
        static string Real(string p)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(p));
            return Directory.Exists(full) ? new DirectoryInfo(full).ResolveLinkTarget(true)?.FullName ?? full : full;
        }

        return string.Equals(Real(a), Real(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static void RequireFullPath(string path, string parameter)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"'{path}' must be a full path: go runs in the module root, where a relative path means another folder.", parameter);
        }
    }

    private static void RemoveOutputs(IReadOnlyList<GoBuildTarget> targets, string stagingDirectory)
    {
        foreach (var target in targets)
        {
            if (File.Exists(target.OutputPath))
            {
                File.Delete(target.OutputPath);
            }
        }

        TryDelete(stagingDirectory);
    }

    private static void TryDelete(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Diagnostic MoveFailed(GoBuildTarget target, string staged, Exception e) =>
        Diagnostic.FileSystemFailed($"moving the {target.Platform} binary from '{staged}' to '{target.OutputPath}' failed ({e.Message.TrimEnd('.')}).");

    // Each platform reports the same compile error; say it once.
    private static List<Diagnostic> Distinct(List<Diagnostic> diagnostics) => diagnostics.Distinct().ToList();
}
