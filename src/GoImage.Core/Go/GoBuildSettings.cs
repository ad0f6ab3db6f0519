namespace GoImage.Go;

/// <summary>Everything that decides what <c>go build</c> produces, apart from the platform.</summary>
public sealed record GoBuildSettings
{
    /// <summary>The module root: the folder holding go.mod, where go runs.</summary>
    public required string ModuleDirectory { get; init; }

    /// <summary>The main package, as a path relative to the module root (<c>.</c> or <c>./cmd/api</c>).</summary>
    public required string Package { get; init; }

    public required string BinaryName { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string LdFlags { get; init; } = "";

    public string GcFlags { get; init; } = "";

    public IReadOnlyList<string> ExtraFlags { get; init; } = [];

    public bool CgoEnabled { get; init; }

    /// <summary>GoCgoLinkMode: how the external linker links C libraries (static unless asked otherwise).</summary>
    public GoCgoLinkMode CgoLinkMode { get; init; } = GoCgoLinkMode.Static;

    /// <summary>GoBuildMode: exe, or pie (static-pie unless dynamic linking was asked for).</summary>
    public GoBuildMode BuildMode { get; init; } = GoBuildMode.Exe;

    /// <summary>GoExtLdFlags: appended to the external linker's flags (<c>-lm</c>).</summary>
    public string ExtLdFlags { get; init; } = "";

    /// <summary>GoCCompiler and GoCxxCompiler items: the compilers chosen before any search.</summary>
    public IReadOnlyList<ConfiguredCCompiler> CCompilers { get; init; } = [];

    public bool TrimPath { get; init; } = true;

    public bool StripSymbols { get; init; } = true;

    public bool BuildVcs { get; init; }

    public GoModMode ModMode { get; init; } = GoModMode.Auto;

    /// <summary><c>-X</c> pairs (<c>main.version</c> → <c>1.2.3</c>), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> LinkerVariables { get; init; } = [];

    /// <summary>Extra environment for the go command (GoEnvironmentVariable items).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>
    /// Whether go links with a C compiler: cgo, and pie too — Go 1.23 links static-pie only externally, and
    /// its external linker needs runtime/cgo, so go runs with CGO_ENABLED=1 even when no package uses C.
    /// </summary>
    public bool UsesExternalLinker => CgoEnabled || BuildMode == GoBuildMode.Pie;

    /// <summary>Whether the external linker links statically: always, unless GoCgoLinkMode is dynamic.</summary>
    public bool LinksStatically => UsesExternalLinker && CgoLinkMode == GoCgoLinkMode.Static;

    /// <summary>The mode actually used: Auto becomes Vendor when vendor/modules.txt exists, as in Go.</summary>
    public GoModMode EffectiveModMode => ModMode != GoModMode.Auto ? ModMode
        : File.Exists(Path.Combine(ModuleDirectory, "vendor", "modules.txt")) ? GoModMode.Vendor : GoModMode.Auto;
}
