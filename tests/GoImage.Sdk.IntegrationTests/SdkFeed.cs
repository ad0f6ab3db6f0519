namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// Packs the SDK once per test run into a private feed, with a private NuGet package folder, so every
/// test uses exactly the code under test — the path users take, never a stale cached copy.
/// </summary>
[TestClass]
public static class SdkFeed
{
    public static string WorkDirectory { get; private set; } = "";

    public static string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    public static string PackagesDirectory => Path.Combine(WorkDirectory, "packages");

    /// <summary>One Go build cache for the run: warm across tests, as it is across a user's builds.</summary>
    public static string GoCacheDirectory => Path.Combine(WorkDirectory, "gocache");

    /// <summary>The shared layer cache of the run (GOIMAGE_CACHE), never the user's own.</summary>
    public static string ImageCacheDirectory => Path.Combine(WorkDirectory, "goimage-cache");

    // The pack restores with the same package folder as the solution build: a private one here would
    // rewrite src/*/obj/project.assets.json under the feet of builds running beside the tests.
    [AssemblyInitialize]
    public static void Pack(TestContext context)
    {
        WorkDirectory = Path.Combine(Path.GetTempPath(), "goimage-it-" + Environment.ProcessId);
        Directory.CreateDirectory(WorkDirectory);
        // The three packages users install: the MSBuild SDK, the goimage tool and the dotnet new templates.
        foreach (var project in new[] { "sdk/GoImage.Sdk/GoImage.Sdk.csproj", "src/GoImage.Tool/GoImage.Tool.csproj", "src/GoImage.Templates/GoImage.Templates.csproj" })
        {
            var result = Command.Run("dotnet",
                ["pack", Path.Combine(Repository.Root, project), "-c", "Release", "-o", FeedDirectory, "-nodeReuse:false", "-nologo"],
                Repository.Root);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Packing {project} failed: " + result);
            }
        }
    }

    [AssemblyCleanup]
    public static void Cleanup()
    {
        if (Directory.Exists(WorkDirectory))
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
    }
}
