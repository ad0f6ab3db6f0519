namespace GoImage.Sdk.IntegrationTests.Tool;

/// <summary>
/// The goimage tool as users get it: installed once per run with <c>dotnet tool install</c> from the
/// packed feed into a private tool path, then run as a plain executable.
/// </summary>
internal static class InstalledTool
{
    private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The installed goimage executable (installed on first use).</summary>
    public static string Executable => Installed.Value;

    public static string ToolDirectory => Path.Combine(SdkFeed.WorkDirectory, "tools");

    /// <summary>Runs <c>goimage</c> with the project's environment (Go on PATH, the run's caches).</summary>
    public static CommandResult Run(GoProject project, params string[] arguments) =>
        Run(arguments, project.Directory, project.Environment);

    public static CommandResult Run(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan? timeout = null) =>
        Command.Run(Executable, arguments, workingDirectory, environment, timeout ?? TimeSpan.FromMinutes(10));

    private static string Install()
    {
        var result = Command.Run("dotnet",
            ["tool", "install", "GoImage.Tool", "--version", Repository.SdkVersion, "--tool-path", ToolDirectory, "--add-source", SdkFeed.FeedDirectory],
            SdkFeed.WorkDirectory,
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = SdkFeed.PackagesDirectory, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Installing the goimage tool failed: " + result);
        }

        return Path.Combine(ToolDirectory, "goimage");
    }
}
