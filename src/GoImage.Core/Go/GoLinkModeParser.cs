using GoImage.Diagnostics;

namespace GoImage.Go;

/// <summary>Parses GoCgoLinkMode and GoBuildMode (case-insensitive; empty is the default).</summary>
public static class GoLinkModeParser
{
    public static GoCgoLinkMode ParseCgoLinkMode(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "static" => GoCgoLinkMode.Static,
        "dynamic" => GoCgoLinkMode.Dynamic,
        _ => throw new GoImageException(Diagnostic.InvalidCgoLinkMode(text)),
    };

    public static GoBuildMode ParseBuildMode(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "exe" => GoBuildMode.Exe,
        "pie" => GoBuildMode.Pie,
        _ => throw new GoImageException(Diagnostic.InvalidBuildMode(text)),
    };
}
