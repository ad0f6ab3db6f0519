using System.CommandLine;
using GoImage.Tool.Commands;

namespace GoImage.Tool.Tests;

/// <summary>Runs one of the image commands (inspect, verify, push) in process, capturing what it writes.</summary>
internal sealed record ImageCommandRun(int ExitCode, string Output, string Error)
{
    public static async Task<ImageCommandRun> InvokeAsync(Command command, params string[] arguments)
    {
        // As ToolCommandLine builds it: --verbosity lives on the root and every command inherits it.
        var root = new RootCommand { command, VerbosityOption.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse([command.Name, .. arguments]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new ImageCommandRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
