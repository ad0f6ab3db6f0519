using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>Finds the Go toolchain and module without running Go, and checks go.mod's go/toolchain lines.</summary>
public sealed partial class GoResolveToolchain
{
    /// <summary>The GoRoot property: a Go installation folder (holding bin/go). Empty: GOROOT, then PATH.</summary>
    public string GoRoot { get; set; } = "";

    /// <summary>The folder of the main package (the project folder joined with GoPackage).</summary>
    [Required]
    public string PackageDirectory { get; set; } = "";

    /// <summary>The GoPackage property as the user wrote it, for messages.</summary>
    public string GoPackage { get; set; } = ".";

    [Output]
    public string GoExecutable { get; private set; } = "";

    [Output]
    public string ResolvedGoRoot { get; private set; } = "";

    /// <summary>The toolchain's version from $GOROOT/VERSION (<c>go1.23.5</c>); empty when the file is absent.</summary>
    [Output]
    public string GoVersion { get; private set; } = "";

    /// <summary>The module root: the folder of the nearest go.mod above the package.</summary>
    [Output]
    public string ModuleDirectory { get; private set; } = "";

    /// <summary>The main package relative to the module root, as go build wants it (<c>./cmd/api</c>).</summary>
    [Output]
    public string PackagePath { get; private set; } = "";
}
