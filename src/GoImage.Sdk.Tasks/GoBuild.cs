using GoImage.Diagnostics;
using GoImage.Go;
using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

public sealed partial class GoBuild : CancelableGoImageTask
{
    protected override bool ExecuteCore()
    {
        var settings = CreateSettings();
        GoBuildPlan.Validate(settings, Environment.GetEnvironmentVariable("GOFLAGS"));

        var diagnostics = new List<Diagnostic>();
        var targets = GoBinaryItems.Read(Binaries, ProjectDirectory, diagnostics);
        if (!Report(diagnostics))
        {
            return false;
        }

        var toolchain = new GoToolchain(GoRoot, GoExecutable, GoVersion.Length > 0 ? GoVersion : null, "the GoResolveToolchain step");
        var record = Path.GetFullPath(InputRecordFile, ProjectDirectory);
        var builder = new GoBuilder(toolchain, line => Log.LogMessage(MessageImportance.Normal, line))
        {
            MaxParallelism = MaxParallelism > 0 ? MaxParallelism : Math.Max(1, Environment.ProcessorCount),
            ListCache = new GoListCache(record + ".golist"),
        };

        Log.LogMessage(MessageImportance.High, $"  GoBuild: building {settings.Package} for {string.Join(", ", targets.Select(t => t.Platform))}");

        // The MSBuild node thread must not block on async work directly.
        var staging = Path.GetFullPath(StagingDirectory, ProjectDirectory);
        var result = Task.Run(() => builder.BuildAsync(settings, targets, staging, CancellationToken)).GetAwaiter().GetResult();
        Report(result.Diagnostics.Select(d => d.File is null && ProjectFile.Length > 0 ? d with { File = ProjectFile } : d));
        if (!result.Succeeded)
        {
            // A failed build must not leave an old record that would call stale inputs up to date.
            if (File.Exists(record))
            {
                File.Delete(record);
            }

            return false;
        }

        GoInputRecord.Write(record, result.Inputs);
        foreach (var target in targets)
        {
            Log.LogMessage(MessageImportance.High, $"  GoBuild: {target.Platform} -> {target.OutputPath}");
        }

        WarnAboutMissingStamps(targets);
        return true;
    }

    // MSBuild's working directory is not a contract of the task: paths are taken from the project's folder.
    private string ProjectDirectory => ProjectFile.Length > 0 ? Path.GetDirectoryName(Path.GetFullPath(ProjectFile))! : Directory.GetCurrentDirectory();

    /// <summary>GOI1030 for each -X whose value no binary holds: the linker ignored it because the program lacks the variable.</summary>
    private void WarnAboutMissingStamps(IReadOnlyList<GoBuildTarget> targets)
    {
        var stamps = new List<(string Source, string Variable, string Value)>();
        if (!string.IsNullOrWhiteSpace(VersionVariable))
        {
            stamps.Add(("GoVersionVariable", VersionVariable.Trim(), Version));
        }

        stamps.AddRange(LinkerVariables.Select(i => ("GoLinkerVariable", i.ItemSpec, i.GetMetadata("Value"))));
        stamps.RemoveAll(s => s.Value.Length == 0);
        if (stamps.Count == 0)
        {
            return;
        }

        foreach (var (source, variable, value) in stamps)
        {
            if (targets.FirstOrDefault(t => !LinkerStamp.IsIn(t.OutputPath, variable, value)) is { } missing)
            {
                var dot = variable.LastIndexOf('.');
                var package = dot > 0 ? variable[..dot] : variable;
                Report(Diagnostic.StampNotFound(source, variable, value, missing.OutputPath, variable[(dot + 1)..], package[(package.LastIndexOf('/') + 1)..]));
            }
        }
    }

    protected override Diagnostic CanceledDiagnostic() => Diagnostic.GoBuildCanceled();

    private IEnumerable<ConfiguredCCompiler> ReadCompilers(ITaskItem[] items, string itemName, bool isCxx)
    {
        foreach (var item in items)
        {
            var platformText = item.GetMetadata(ItemMetadata.Platform);
            if (!GoPlatform.TryParse(platformText, out var platform, out var reason))
            {
                throw new GoImageException(Diagnostic.CCompilerItemPlatform(itemName, item.ItemSpec, platformText, reason));
            }

            // A relative path (tools/cc) is the project's, like every other path in the project file.
            var fields = GoCommandLine.Split(item.ItemSpec);
            if (fields.Count > 0 && fields[0].Contains('/', StringComparison.Ordinal) && !Path.IsPathFullyQualified(fields[0]))
            {
                fields[0] = Path.GetFullPath(fields[0], ProjectDirectory);
            }

            yield return new ConfiguredCCompiler(platform!, string.Join(' ', fields.Select(GoCommandLine.Quote)), isCxx);
        }
    }

    private GoBuildSettings CreateSettings()
    {
        var linkerVariables = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrWhiteSpace(VersionVariable))
        {
            linkerVariables.Add(new(VersionVariable.Trim(), Version));
        }

        linkerVariables.AddRange(LinkerVariables.Select(i => new KeyValuePair<string, string>(i.ItemSpec, i.GetMetadata("Value"))));

        return new GoBuildSettings
        {
            ModuleDirectory = ModuleDirectory,
            Package = PackagePath,
            BinaryName = Binaries.Length > 0 ? Path.GetFileNameWithoutExtension(Binaries[0].ItemSpec) : "",
            Tags = BuildTags.SelectMany(t => t.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            LdFlags = LdFlags,
            GcFlags = GcFlags,
            ExtraFlags = GoCommandLine.Split(BuildFlags),
            CgoEnabled = CgoEnabled,
            CgoLinkMode = GoLinkModeParser.ParseCgoLinkMode(CgoLinkMode),
            BuildMode = GoLinkModeParser.ParseBuildMode(BuildMode),
            ExtLdFlags = ExtLdFlags,
            CCompilers = [.. ReadCompilers(CCompilers, "GoCCompiler", isCxx: false), .. ReadCompilers(CxxCompilers, "GoCxxCompiler", isCxx: true)],
            TrimPath = TrimPath,
            StripSymbols = StripSymbols,
            BuildVcs = BuildVcs,
            ModMode = GoModModeParser.Parse(GoModMode),
            LinkerVariables = linkerVariables,
            Environment = EnvironmentVariables.Select(i => new KeyValuePair<string, string>(i.ItemSpec, i.GetMetadata("Value"))).ToList(),
        };
    }
}
