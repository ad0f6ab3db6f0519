using System.CommandLine;
using System.CommandLine.Invocation;
using GoImage.Tool.Commands;

namespace GoImage.Tool;

/// <summary>The goimage command tree: every command, the inherited --verbosity, and help with examples.</summary>
internal static class ToolCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("goimage: reproducible OCI images of Go programs, built with MSBuild and GoImage.Sdk.")
        {
            NewCommand.Create(),
            BuildCommand.Create("build"),
            BuildCommand.Create("publish"),
            InspectCommand.Create(),
            VerifyCommand.Create(),
            PushCommand.Create(),
            ResolveCommand.Create(),
            VerifySignatureCommand.Create(),
            VerbosityOption.Create(),
        };
        root.WithExamples(
            "goimage new && goimage publish       # a .goproj beside go.mod, then the image",
            "goimage build -c Release",
            "goimage publish --registry registry.example.com");
        CommandExamples.EnableOn(root);
        return root;
    }

    /// <summary>
    /// Runs the parsed command. A command line that does not parse (an unknown option, a missing or extra
    /// argument, a value of the wrong kind) prints System.CommandLine's errors and help and exits with
    /// <see cref="ExitCodes.Usage"/>, which System.CommandLine alone would report as 1: for verify that is
    /// "the builds differ".
    /// </summary>
    public static async Task<int> InvokeAsync(ParseResult parseResult, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        var exitCode = await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        return parseResult.Action is ParseErrorAction ? ExitCodes.Usage : exitCode;
    }
}
