using System.CommandLine;
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
            VerbosityOption.Create(),
        };
        root.WithExamples(
            "goimage new && goimage publish       # a .goproj beside go.mod, then the image",
            "goimage build -c Release",
            "goimage publish --registry registry.example.com");
        CommandExamples.EnableOn(root);
        return root;
    }
}
