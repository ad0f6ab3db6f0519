using System.Security;
using GoImage.Diagnostics;
using GoImage.Go;

namespace GoImage.Tool.Scaffolding;

/// <summary>
/// What <c>goimage new</c> writes beside a go.mod: the .goproj, and a global.json entry or a NuGet.config
/// only where the existing files do not already provide them. Planned first and written after, so a
/// refusal writes nothing and the plan is testable without touching the disk.
/// </summary>
internal sealed class ProjectScaffold
{
    private ProjectScaffold(IReadOnlyList<ScaffoldFile> files, IReadOnlyList<string> notes)
    {
        Files = files;
        Notes = notes;
    }

    /// <summary>The files to write, the project last.</summary>
    public IReadOnlyList<ScaffoldFile> Files { get; }

    /// <summary>What was found and left alone (an existing pin, a feed already listed).</summary>
    public IReadOnlyList<string> Notes { get; }

    public ScaffoldFile Project => Files[^1];

    public static ProjectScaffold Plan(string directory, ScaffoldOptions options)
    {
        directory = Path.GetFullPath(directory);
        var goMod = Path.Combine(directory, "go.mod");
        if (!File.Exists(goMod))
        {
            throw new GoImageException(Diagnostic.Error("ToolGoModNotFound", directory));
        }

        var existing = Directory.EnumerateFiles(directory, "*.goproj").Order(StringComparer.Ordinal).FirstOrDefault();
        if (existing is not null)
        {
            throw new GoImageException(Diagnostic.Error("ToolProjectExists", existing));
        }

        var modulePath = GoModFile.Read(goMod).ModulePath ?? "";
        var package = MainPackageFinder.Choose(directory, options.Package);
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        var projectName = SafeFileName(ModuleRepositoryName.LastElement(modulePath)) ?? SafeFileName(folderName) ?? "app";
        var repository = ModuleRepositoryName.From(modulePath, projectName);

        var files = new List<ScaffoldFile>();
        var notes = new List<string>();
        var sdkReference = PlanSdkPin(directory, options.SdkVersion, files, notes);
        PlanFeed(directory, options.Source, files, notes);

        // go build names a binary after its package's folder; the project name is the module's.
        var binaryName = package == "." ? null : package[(package.LastIndexOf('/') + 1)..];
        var projectPath = Path.Combine(directory, projectName + ".goproj");
        var platform = options.Platform.ToString();
        files.Add(new ScaffoldFile(
            projectPath,
            ProjectText(sdkReference, platform, package, binaryName, repository),
            Replaces: false,
            $"{sdkReference}, package {package}, {platform}, image repository {repository}"));
        return new ProjectScaffold(files, notes);
    }

    /// <summary>Writes the planned files; the project is created only if it still does not exist.</summary>
    public void Write()
    {
        foreach (var file in Files)
        {
            try
            {
                using var stream = new FileStream(file.Path, file.Replaces ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream);
                writer.Write(file.Content);
            }
            catch (IOException) when (!file.Replaces && File.Exists(file.Path))
            {
                throw new GoImageException(Diagnostic.Error("ToolProjectExists", file.Path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new GoImageException(Diagnostic.Error("ToolWriteFailed", file.Path, e.Message));
            }
        }
    }

    // A global.json governing the folder decides SDK versions for everything under it: pin there, or
    // the project's own Sdk="GoImage.Sdk/x" would be the odd one out. Without one, the project pins itself.
    private static string PlanSdkPin(string directory, string version, List<ScaffoldFile> files, List<string> notes)
    {
        var globalJson = GlobalJsonFile.FindNearest(directory);
        if (globalJson is null)
        {
            return $"{GlobalJsonFile.SdkName}/{version}";
        }

        var text = File.ReadAllText(globalJson);
        var pinned = GlobalJsonFile.PinnedVersion(globalJson, text);
        if (pinned is null)
        {
            files.Add(new ScaffoldFile(globalJson, GlobalJsonFile.AddSdk(globalJson, text, version), Replaces: true,
                $"msbuild-sdks pins {GlobalJsonFile.SdkName} {version}"));
        }
        else
        {
            notes.Add($"{globalJson} already pins {GlobalJsonFile.SdkName} {pinned}; kept.");
        }

        return GlobalJsonFile.SdkName;
    }

    private static void PlanFeed(string directory, string? source, List<ScaffoldFile> files, List<string> notes)
    {
        if (source is null)
        {
            return;
        }

        if (NuGetConfigFile.ListsSource(directory, source))
        {
            notes.Add($"A NuGet.config in {directory} or above already lists {source}; none written.");
            return;
        }

        files.Add(new ScaffoldFile(Path.Combine(directory, "NuGet.config"), NuGetConfigFile.Create(source), Replaces: false,
            $"package source {source}"));
    }

    private static string ProjectText(string sdk, string platform, string package, string? binaryName, string repository)
    {
        var lines = new List<string>
        {
            $"<Project Sdk=\"{sdk}\">",
            "  <PropertyGroup>",
            "    <!-- Platforms to build, ';'-separated os/arch[/variant], for example linux/amd64;linux/arm64. -->",
            $"    <GoTargetPlatforms>{platform}</GoTargetPlatforms>",
        };
        if (package != ".")
        {
            lines.Add("    <!-- The main package's folder, relative to this project. -->");
            lines.Add($"    <GoPackage>{SecurityElement.Escape(package)}</GoPackage>");
            lines.Add("    <!-- The binary's name, as go build would call it. -->");
            lines.Add($"    <GoBinaryName>{SecurityElement.Escape(binaryName)}</GoBinaryName>");
        }

        lines.Add("    <!-- dotnet publish -p:PublishImage=true (or goimage publish): the image's repository. -->");
        lines.Add($"    <ContainerRepository>{repository}</ContainerRepository>");
        lines.Add("  </PropertyGroup>");
        lines.Add("</Project>");
        return string.Join('\n', lines) + "\n";
    }

    private static string? SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(name.Select(c => invalid.Contains(c) || char.IsWhiteSpace(c) ? '-' : c).ToArray()).Trim('.', '-');
        return safe.Length == 0 ? null : safe;
    }
}
