using GoImage.Diagnostics;

namespace GoImage.Go;

public static class GoModModeParser
{
    /// <summary>Parses the GoModMode property (case-insensitive; empty is auto).</summary>
    public static GoModMode Parse(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "auto" => GoModMode.Auto,
        "vendor" => GoModMode.Vendor,
        "mod" => GoModMode.Mod,
        "readonly" => GoModMode.ReadOnly,
        _ => throw new GoImageException(Diagnostic.InvalidModMode(text)),
    };
}
