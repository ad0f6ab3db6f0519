using System.Globalization;
using System.Security;
using GoImage.Diagnostics;
using GoImage.Tool.Commands;
using GoImage.Go;
using GoImage.Images;
using GoImage.Kubernetes;

namespace GoImage.Tool.Scaffolding;

/// <summary>
/// What <c>goimage new</c> writes in a Go module (at its root or in a command's folder): the .goproj, and a
/// global.json entry or a NuGet.config only where the existing files do not already provide them; and the
/// solution it is then added to. Planned first and written after, so a refusal writes nothing and the plan
/// is testable without touching the disk.
/// </summary>
internal sealed class ProjectScaffold
{
    private ProjectScaffold(IReadOnlyList<ScaffoldFile> files, IReadOnlyList<string> notes, string? solution)
    {
        Files = files;
        Notes = notes;
        Solution = solution;
    }

    /// <summary>The files to write, the project last.</summary>
    public IReadOnlyList<ScaffoldFile> Files { get; }

    /// <summary>What was found and left alone (an existing pin, a feed already listed).</summary>
    public IReadOnlyList<string> Notes { get; }

    public ScaffoldFile Project => Files[^1];

    /// <summary>The solution the project is to be added to once written, or null.</summary>
    public string? Solution { get; }

    /// <summary>
    /// Plans a project in <paramref name="directory"/>: the module root or any folder below it (go.mod is
    /// looked for there and above, as Go does), so each command of a module can have its own project.
    /// </summary>
    public static ProjectScaffold Plan(string directory, ScaffoldOptions options)
    {
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory);
        directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory, workingDirectory));
        if (!Directory.Exists(directory))
        {
            throw new CommandLineException(Diagnostic.ToolFolderNotFound(directory));
        }

        var moduleRoot = FindModuleRoot(directory) ?? throw new GoImageException(Diagnostic.ToolGoModNotFound(directory));
        var modulePath = GoModFile.Read(Path.Combine(moduleRoot, "go.mod")).ModulePath ?? "";
        var atRoot = string.Equals(directory, moduleRoot, StringComparison.Ordinal);
        var package = ChoosePackage(moduleRoot, directory, atRoot, options.Package);

        var existing = Directory.EnumerateFiles(directory, "*.goproj").Order(StringComparer.Ordinal).FirstOrDefault();
        // A second project in a folder must be asked for by name or package; a bare `goimage new` never adds one.
        if (existing is not null && options.Name is null && options.Package is null)
        {
            throw new GoImageException(Diagnostic.ToolProjectExists(existing));
        }

        // go build names a binary after its package's folder (the module's last element at the root).
        var moduleName = ModuleRepositoryName.LastElement(modulePath);
        var commandName = package == "." ? moduleName : package[(package.LastIndexOf('/') + 1)..];
        var projectName = ProjectName(options.Name, directory, atRoot, existing is not null && package != ".", commandName, moduleName);
        var projectPath = Path.Combine(directory, projectName + ".goproj");
        if (File.Exists(projectPath))
        {
            throw new GoImageException(Diagnostic.ToolProjectExists(projectPath));
        }

        var repository = Repository(modulePath, projectName, moduleName, package, commandName);
        var solution = SolutionFile.Choose(moduleRoot, workingDirectory, options.Solution, options.NoSolution);

        var files = new List<ScaffoldFile>();
        var notes = new List<string>();
        var sdkReference = PlanSdkPin(directory, options.SdkVersion, files, notes);
        PlanFeed(directory, moduleRoot, options.Source, files, notes);

        // GoPackage is relative to the project; a project in its command's folder needs none.
        var packageFromProject = Path.GetRelativePath(directory, Path.Combine(moduleRoot, package)).Replace('\\', '/');
        var binaryName = string.Equals(commandName, projectName, StringComparison.Ordinal) ? null : commandName;
        var platform = options.Platform.ToString();
        if (options.Kubernetes)
        {
            if (options.Port is < 1 or > 65535)
            {
                throw new GoImageException(Diagnostic.InvalidPort(options.Port.ToString(CultureInfo.InvariantCulture), options.Port.ToString(CultureInfo.InvariantCulture)));
            }

            var manifest = Path.Combine(directory, "deploy", projectName + ".yaml");
            if (File.Exists(manifest))
            {
                throw new GoImageException(Diagnostic.ToolProjectExists(manifest));
            }

            files.Add(new ScaffoldFile(manifest, KubernetesStarter.Render(projectName, [new StarterPort(options.Port, "TCP")], []), Replaces: false,
                $"a Deployment and a Service for goimage://{projectName}, port {options.Port.ToString(CultureInfo.InvariantCulture)}"));
        }

        files.Add(new ScaffoldFile(
            projectPath,
            ProjectText(sdkReference, platform, packageFromProject, binaryName, repository, options.Kubernetes ? options.Port : null),
            Replaces: false,
            $"{sdkReference}, package {(package == "." ? "." : "./" + package)}, {platform}, image repository {repository}"));
        return new ProjectScaffold(files, notes, solution);
    }

    /// <summary>Adds the written project to <see cref="Solution"/> (when there is one) with dotnet sln add.</summary>
    public void AddToSolution()
    {
        if (Solution is not null)
        {
            SolutionFile.AddProject(Solution, Project.Path);
        }
    }

    /// <summary>Writes the planned files; the project is created only if it still does not exist.</summary>
    public void Write()
    {
        foreach (var file in Files)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
                using var stream = new FileStream(file.Path, file.Replaces ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream);
                writer.Write(file.Content);
            }
            catch (IOException) when (!file.Replaces && File.Exists(file.Path))
            {
                throw new GoImageException(Diagnostic.ToolProjectExists(file.Path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new GoImageException(Diagnostic.ToolWriteFailed(file.Path, e.Message));
            }
        }
    }

    // The nearest folder at or above the project's holding go.mod: the module the project belongs to.
    private static string? FindModuleRoot(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "go.mod")))
            {
                return Path.TrimEndingDirectorySeparator(dir.FullName);
            }
        }

        return null;
    }

    // The main package, relative to the module root: --package; at the root, Go's own choice; below it, the
    // project's own folder, which must then be a command.
    private static string ChoosePackage(string moduleRoot, string directory, bool atRoot, string? requested)
    {
        if (requested is not null || atRoot)
        {
            return MainPackageFinder.Choose(moduleRoot, requested);
        }

        var relative = Path.GetRelativePath(moduleRoot, directory).Replace('\\', '/');
        if (!MainPackageFinder.IsMainPackage(directory))
        {
            var example = MainPackageFinder.FindAll(moduleRoot).FirstOrDefault(p => p != ".") ?? "cmd/server";
            throw new GoImageException(Diagnostic.ToolFolderNotMain(directory, moduleRoot, example));
        }

        return relative;
    }

    // --name; else a project below the root is named after its folder, a second project at the root after
    // its command, the first after the module (what go build would call the module's binary).
    private static string ProjectName(string? requested, string directory, bool atRoot, bool secondAtRoot, string commandName, string moduleName)
    {
        if (requested is not null)
        {
            var name = requested.EndsWith(".goproj", StringComparison.OrdinalIgnoreCase) ? requested[..^".goproj".Length] : requested;
            return SafeFileName(name) is { } safe && safe == name ? name : throw new CommandLineException(Diagnostic.ToolNameInvalid(requested));
        }

        var candidate = !atRoot ? Path.GetFileName(directory) : secondAtRoot ? commandName : moduleName;
        return SafeFileName(candidate) ?? SafeFileName(Path.GetFileName(directory)) ?? "app";
    }

    // The module's repository (acme/shop) for the module's own project; a project for one command of it gets
    // the command's name below that (acme/shop/worker), unless the module is already named after the command
    // (containers/skopeo), so two projects of a module never publish to one repository.
    private static string Repository(string modulePath, string projectName, string moduleName, string package, string commandName)
    {
        var module = ModuleRepositoryName.From(modulePath, projectName);
        var lastElement = module[(module.LastIndexOf('/') + 1)..];
        if (package == "." || string.Equals(projectName, SafeFileName(moduleName), StringComparison.Ordinal)
            || string.Equals(lastElement, commandName, StringComparison.OrdinalIgnoreCase))
        {
            return module;
        }

        var perCommand = ImageName.NormalizeRepository(module + "/" + commandName);
        return ImageName.RepositoryProblem(perCommand) is null ? perCommand : module;
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

    // The feed goes into the module root's NuGet.config, so every project of the module (and a solution there) restores from it.
    private static void PlanFeed(string directory, string moduleRoot, string? source, List<ScaffoldFile> files, List<string> notes)
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

        files.Add(new ScaffoldFile(Path.Combine(moduleRoot, "NuGet.config"), NuGetConfigFile.Create(source), Replaces: false,
            $"package source {source}"));
    }

    private static string ProjectText(string sdk, string platform, string package, string? binaryName, string repository, int? kubernetesPort)
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
        }

        if (binaryName is not null)
        {
            lines.Add("    <!-- The binary's name, as go build would call it. -->");
            lines.Add($"    <GoBinaryName>{SecurityElement.Escape(binaryName)}</GoBinaryName>");
        }

        lines.Add("    <!-- dotnet publish -p:PublishImage=true (or goimage publish): the image's repository. -->");
        lines.Add($"    <ContainerRepository>{repository}</ContainerRepository>");
        lines.Add("  </PropertyGroup>");
        if (kubernetesPort is { } port)
        {
            lines.Add("  <PropertyGroup>");
            lines.Add("    <!-- A publish that pushes writes deploy/ pinned by digest; a local publish (no registry) has no digest to write. -->");
            lines.Add("    <GenerateKubernetesManifests Condition=\"'$(GenerateKubernetesManifests)' == '' and '$(ContainerRegistry)' == ''\">false</GenerateKubernetesManifests>");
            lines.Add("  </PropertyGroup>");
            lines.Add("  <ItemGroup>");
            lines.Add($"    <ContainerPort Include=\"{port.ToString(CultureInfo.InvariantCulture)}\" Type=\"tcp\" />");
            lines.Add("    <!-- goimage://<this project> in these files becomes registry/repository@sha256:… in bin/Release/publish/kubernetes/. -->");
            lines.Add("    <KubernetesManifest Include=\"deploy/*.yaml\" />");
            lines.Add("  </ItemGroup>");
        }

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
