using System.CommandLine;
using GoImage.Tool.Commands;

namespace GoImage.Tool.Tests;

/// <summary>Runs one command in process, as the goimage program does (parse errors exit with 2), capturing what it writes.</summary>
internal sealed record ImageCommandRun(int ExitCode, string Output, string Error)
{
    public static async Task<ImageCommandRun> InvokeAsync(Command command, params string[] arguments)
    {
        // As ToolCommandLine builds it: --verbosity lives on the root and every command inherits it.
        var root = new RootCommand { command, VerbosityOption.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ToolCommandLine.InvokeAsync(root.Parse([command.Name, .. arguments]), new InvocationConfiguration { Output = output, Error = error });
        return new ImageCommandRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
