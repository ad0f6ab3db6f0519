namespace GoImage.Sbom;

/// <summary>
/// What the go command embeds in every binary it builds (what <c>go version -m</c> prints): the Go
/// version, the main package and module, each dependency module, and the build settings.
/// </summary>
public sealed record GoBuildInfo(
    string GoVersion,
    string MainPackage,
    GoModule? MainModule,
    IReadOnlyList<GoModule> Dependencies,
    IReadOnlyList<KeyValuePair<string, string>> Settings);
