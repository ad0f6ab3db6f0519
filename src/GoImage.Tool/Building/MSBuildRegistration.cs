using GoImage.Diagnostics;
using Microsoft.Build.Locator;

namespace GoImage.Tool.Building;

/// <summary>
/// Points the process at the installed .NET SDK's MSBuild (the tool ships none). Must run before any
/// Microsoft.Build type is loaded, so code touching MSBuild lives in methods called only after it.
/// </summary>
internal static class MSBuildRegistration
{
    private static readonly Lock Gate = new();

    /// <summary>Registers the SDK that <paramref name="projectDirectory"/>'s global.json selects (the newest without one).</summary>
    public static void EnsureRegistered(string projectDirectory)
    {
        lock (Gate)
        {
            if (MSBuildLocator.IsRegistered)
            {
                return;
            }

            var options = new VisualStudioInstanceQueryOptions
            {
                DiscoveryTypes = DiscoveryType.DotNetSdk,
                WorkingDirectory = projectDirectory,
            };
            VisualStudioInstance? instance;
            try
            {
                instance = MSBuildLocator.QueryVisualStudioInstances(options).FirstOrDefault();
            }
            catch (InvalidOperationException e)
            {
                throw new GoImageException(Diagnostic.ToolMSBuildNotFound(e.Message));
            }

            if (instance is null)
            {
                throw new GoImageException(Diagnostic.ToolMSBuildNotFound("Microsoft.Build.Locator found no .NET SDK"));
            }

            MSBuildLocator.RegisterInstance(instance);
            SetHostPath(instance.MSBuildPath);
        }
    }

    // The SDK's tasks and resolvers find 'dotnet' through DOTNET_HOST_PATH, which the dotnet CLI sets for
    // its own MSBuild; in-process we are that CLI. The SDK folder is <dotnet root>/sdk/<version>/.
    private static void SetHostPath(string msbuildPath)
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 })
        {
            return;
        }

        var root = Path.GetFullPath(Path.Combine(msbuildPath, "..", ".."));
        var dotnet = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        if (File.Exists(dotnet))
        {
            Environment.SetEnvironmentVariable("DOTNET_HOST_PATH", dotnet);
        }
    }
}
