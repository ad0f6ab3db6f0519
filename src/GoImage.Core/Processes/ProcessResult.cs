namespace GoImage.Processes;

public sealed record ProcessResult(int ExitCode, string StandardOutput, IReadOnlyList<string> StandardErrorLines);
