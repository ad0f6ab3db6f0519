namespace GoImage.Sdk.IntegrationTests;

internal sealed record CommandResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{Output}";
}
