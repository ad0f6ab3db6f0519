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

    public bool TrimPath { get; init; } = true;

    public bool StripSymbols { get; init; } = true;

    public bool BuildVcs { get; init; }

    public GoModMode ModMode { get; init; } = GoModMode.Auto;

    /// <summary><c>-X</c> pairs (<c>main.version</c> → <c>1.2.3</c>), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> LinkerVariables { get; init; } = [];

    /// <summary>Extra environment for the go command (GoEnvironmentVariable items).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>The mode actually used: Auto becomes Vendor when vendor/modules.txt exists, as in Go.</summary>
    public GoModMode EffectiveModMode => ModMode != GoModMode.Auto ? ModMode
        : File.Exists(Path.Combine(ModuleDirectory, "vendor", "modules.txt")) ? GoModMode.Vendor : GoModMode.Auto;
}
