using GoImage.Go;

namespace GoImage.Tool.Scaffolding;

/// <summary>What <c>goimage new</c> was asked for, and the facts of this machine it needs.</summary>
/// <param name="Package">The main package folder (--package), or null to find it.</param>
/// <param name="Source">A NuGet feed that provides GoImage.Sdk (--source), or null.</param>
/// <param name="SdkVersion">The GoImage.Sdk version to pin: the tool's own.</param>
/// <param name="Platform">The platform to build for: the host's.</param>
/// <param name="Name">The project's name (--name), or null to take the folder's, the module's or the command's.</param>
/// <param name="Solution">The .sln or .slnx to add the project to (--solution), or null to look for one.</param>
/// <param name="NoSolution">True (--no-solution): add the project to no solution.</param>
/// <param name="WorkingDirectory">The current folder, where a solution is looked for besides the module root; null: the process's.</param>
/// <param name="Kubernetes">True (--kubernetes): also the starter Deployment and Service in deploy/, with a ContainerPort.</param>
/// <param name="Port">With <paramref name="Kubernetes"/>: the TCP port (--port).</param>
internal sealed record ScaffoldOptions(
    string? Package,
    string? Source,
    string SdkVersion,
    GoPlatform Platform,
    string? Name = null,
    string? Solution = null,
    bool NoSolution = false,
    string? WorkingDirectory = null,
    bool Kubernetes = false,
    int Port = 8080);
