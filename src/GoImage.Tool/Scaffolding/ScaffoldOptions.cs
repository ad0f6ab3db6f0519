using GoImage.Go;

namespace GoImage.Tool.Scaffolding;

/// <summary>What <c>goimage new</c> was asked for, and the facts of this machine it needs.</summary>
/// <param name="Package">The main package folder (--package), or null to find it.</param>
/// <param name="Source">A NuGet feed that provides GoImage.Sdk (--source), or null.</param>
/// <param name="SdkVersion">The GoImage.Sdk version to pin: the tool's own.</param>
/// <param name="Platform">The platform to build for: the host's.</param>
internal sealed record ScaffoldOptions(string? Package, string? Source, string SdkVersion, GoPlatform Platform);
