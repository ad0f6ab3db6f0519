namespace GoImage.Sdk.IntegrationTests;

/// <summary>A temp copy of a sample (or a hand-made module) that references the packed SDK by version.</summary>
internal sealed class GoProject : IDisposable
{
    private GoProject(string root, string projectFile)
    {
        Root = root;
        ProjectFile = projectFile;
        File.WriteAllText(Path.Combine(root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="test-feed" value="{SdkFeed.FeedDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(root, "global.json"), $$"""
            { "msbuild-sdks": { "GoImage.Sdk": "{{Repository.SdkVersion}}" } }
            """);
    }

    public string Root { get; }

    public string ProjectFile { get; }

    public string Directory => Path.GetDirectoryName(ProjectFile)!;

    /// <summary>Environment for every build: Go on PATH, no inherited GOROOT/GOFLAGS, the run's caches.</summary>
    public Dictionary<string, string?> Environment { get; } = new()
    {
        ["PATH"] = $"{Repository.GoRoot}/bin:{System.Environment.GetEnvironmentVariable("PATH")}",
        ["GOROOT"] = null,
        ["GOFLAGS"] = null,
        ["NUGET_PACKAGES"] = SdkFeed.PackagesDirectory,
        ["GOCACHE"] = SdkFeed.GoCacheDirectory,
        ["GOIMAGE_CACHE"] = SdkFeed.ImageCacheDirectory,
        ["SOURCE_DATE_EPOCH"] = null,
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    /// <summary>Copies samples/<paramref name="sample"/> (without bin/obj) into a new temp folder.</summary>
    public static GoProject FromSample(string sample, string? parent = null)
    {
        var root = parent ?? NewTempDirectory();
        var target = Path.Combine(root, sample);
        CopyTree(Path.Combine(Repository.SamplesDirectory, sample), target);
        return new GoProject(root, Path.Combine(target, sample + ".goproj"));
    }

    /// <summary>A new module from the given files (relative path → content); the project is <c>app.goproj</c>.</summary>
    public static GoProject FromFiles(IReadOnlyDictionary<string, string> files)
    {
        var root = NewTempDirectory();
        var dir = Path.Combine(root, "app");
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(dir, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        return new GoProject(root, Path.Combine(dir, "app.goproj"));
    }

    /// <summary>
    /// A project in a folder the caller fills (with <c>dotnet new</c>, say): <paramref name="root"/> gets the
    /// test NuGet.config and global.json; <paramref name="projectFile"/> need not exist yet.
    /// </summary>
    public static GoProject FromDirectory(string root, string projectFile) => new(root, projectFile);

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public string Binary(string platformDirectory, string? name = null) =>
        PathOf(Path.Combine("bin", "Debug", platformDirectory, name ?? Path.GetFileNameWithoutExtension(ProjectFile)));

    public CommandResult Build(params string[] extra) => Dotnet("build", extra);

    /// <summary><c>dotnet publish -p:PublishImage=true</c>: the image lands in <see cref="LayoutPath"/>.</summary>
    public CommandResult Publish(params string[] extra) => Dotnet("publish", ["-p:PublishImage=true", .. extra]);

    public string LayoutPath => PathOf(Path.Combine("bin", "Release", "publish", "image"));

    public string ReleaseBinary(string platformDirectory) =>
        PathOf(Path.Combine("bin", "Release", platformDirectory, Path.GetFileNameWithoutExtension(ProjectFile)));

    /// <summary>Adds MSBuild XML (items, properties) at the end of the project file.</summary>
    public void AddToProject(string xml)
    {
        var text = File.ReadAllText(ProjectFile);
        var end = text.LastIndexOf("</Project>", StringComparison.Ordinal);
        File.WriteAllText(ProjectFile, text[..end] + xml + System.Environment.NewLine + text[end..]);
    }

    public CommandResult Dotnet(string verb, params string[] extra) =>
        Command.Run("dotnet", [verb, ProjectFile, "-nodeReuse:false", "-nologo", "-v:n", .. extra], Directory, Environment);

    /// <summary>Sets a file's time to a fixed past moment, then edits nothing: "touch" for the up-to-date check.</summary>
    public void Touch(string relative) => File.SetLastWriteTimeUtc(PathOf(relative), DateTime.UtcNow);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>A new empty folder under the run's work folder, removed with it.</summary>
    public static string NewTempDirectory()
    {
        var dir = Path.Combine(SdkFeed.WorkDirectory, Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }

    private static void CopyTree(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in System.IO.Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(dir);
            if (name is not "bin" and not "obj")
            {
                CopyTree(dir, Path.Combine(to, name));
            }
        }
    }
}
