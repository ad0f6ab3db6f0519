using GoImage.Diagnostics;

namespace GoImage.Go;

public sealed record GoBuildResult(bool Succeeded, IReadOnlyList<Diagnostic> Diagnostics, GoInputSet Inputs, string? ToolchainVersion);
