using NuGet.Versioning;

namespace GoImage.Go;

/// <summary>A located Go installation: its root, its go executable and its version (if readable without running it).</summary>
public sealed record GoToolchain(string GoRoot, string Executable, string? VersionName, string ChosenFrom)
{
    public NuGetVersion? Version => VersionName is null ? null : GoVersion.Parse(VersionName);
}
