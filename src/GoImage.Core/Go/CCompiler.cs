namespace GoImage.Go;

/// <summary>
/// The C (and C++) compiler chosen for one platform: the command go runs as CC/CXX, its first field a
/// full path, then fixed arguments (<c>zig cc -target aarch64-linux-musl</c>).
/// </summary>
public sealed record CCompiler(GoPlatform Platform, IReadOnlyList<string> CCommand, IReadOnlyList<string>? CxxCommand, string ChosenFrom)
{
    /// <summary>The program that runs: the identity the input record keeps.</summary>
    public string Executable => CCommand[0];

    /// <summary>The value of CC, quoted the way go splits it.</summary>
    public string CValue => string.Join(' ', CCommand.Select(GoCommandLine.Quote));

    /// <summary>The value of CXX, or null when no C++ compiler was found (go then reports it only if C++ files exist).</summary>
    public string? CxxValue => CxxCommand is null ? null : string.Join(' ', CxxCommand.Select(GoCommandLine.Quote));

    public override string ToString() => $"{CValue} ({ChosenFrom})";
}
