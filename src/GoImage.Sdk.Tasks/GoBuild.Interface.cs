using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>Builds the Go main package statically for every platform, in parallel, with pinned flags.</summary>
public sealed partial class GoBuild
{
    /// <summary>GoBinary items from GoResolvePlatforms: the output path with Platform metadata.</summary>
    [Required]
    public ITaskItem[] Binaries { get; set; } = [];

    [Required]
    public string GoExecutable { get; set; } = "";

    [Required]
    public string GoRoot { get; set; } = "";

    /// <summary>The toolchain version read from $GOROOT/VERSION; may be empty.</summary>
    public string GoVersion { get; set; } = "";

    [Required]
    public string ModuleDirectory { get; set; } = "";

    /// <summary>The main package relative to the module root (<c>.</c>, <c>./cmd/api</c>).</summary>
    [Required]
    public string PackagePath { get; set; } = "";

    /// <summary>GoBuildTags: build tags, joined with commas for -tags.</summary>
    public string[] BuildTags { get; set; } = [];

    /// <summary>GoLdFlags: extra linker flags, after the SDK's own (-s -w and -X).</summary>
    public string LdFlags { get; set; } = "";

    /// <summary>GoGcFlags: compiler flags for -gcflags.</summary>
    public string GcFlags { get; set; } = "";

    /// <summary>GoBuildFlags: extra raw flags for go build, split like GOFLAGS.</summary>
    public string BuildFlags { get; set; } = "";

    public bool CgoEnabled { get; set; }

    /// <summary>GoCgoLinkMode: static (default; external linker with -static, tags netgo osusergo) or dynamic.</summary>
    public string CgoLinkMode { get; set; } = "static";

    /// <summary>GoBuildMode: exe (default) or pie (static-pie unless GoCgoLinkMode is dynamic; needs a C compiler).</summary>
    public string BuildMode { get; set; } = "exe";

    /// <summary>GoExtLdFlags: appended to the external linker's flags, as in <c>-lm</c>.</summary>
    public string ExtLdFlags { get; set; } = "";

    /// <summary>GoCCompiler items: a compiler (path, or program on PATH with arguments) with Platform metadata.</summary>
    public ITaskItem[] CCompilers { get; set; } = [];

    /// <summary>GoCxxCompiler items: like <see cref="CCompilers"/>, for C++.</summary>
    public ITaskItem[] CxxCompilers { get; set; } = [];

    public bool TrimPath { get; set; } = true;

    public bool StripSymbols { get; set; } = true;

    public bool BuildVcs { get; set; }

    public string GoModMode { get; set; } = "auto";

    /// <summary>GoVersionVariable: a package-qualified variable (<c>main.version</c>) that receives <see cref="Version"/>.</summary>
    public string VersionVariable { get; set; } = "";

    public string Version { get; set; } = "";

    /// <summary>GoLinkerVariable items: Include is the variable, Value its value, passed as -X.</summary>
    public ITaskItem[] LinkerVariables { get; set; } = [];

    /// <summary>GoEnvironmentVariable items: Include is the name, Value the value.</summary>
    public ITaskItem[] EnvironmentVariables { get; set; } = [];

    /// <summary>Where the input set of a successful build is recorded for the next up-to-date check.</summary>
    [Required]
    public string InputRecordFile { get; set; } = "";

    /// <summary>A folder under obj/ where binaries are built before they are moved into place.</summary>
    [Required]
    public string StagingDirectory { get; set; } = "";

    /// <summary>
    /// The project file ($(MSBuildProjectFullPath)): relative paths are taken from its folder (go runs in the module
    /// root, elsewhere), and a Go error that names no file is reported at it rather than at the SDK's targets file.
    /// </summary>
    public string ProjectFile { get; set; } = "";

    /// <summary>How many go commands run at once; 0 means one per processor.</summary>
    public int MaxParallelism { get; set; }
}
