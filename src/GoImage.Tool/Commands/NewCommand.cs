using System.CommandLine;
using GoImage.Diagnostics;
using GoImage.Go;
using GoImage.Tool.Output;
using GoImage.Tool.Scaffolding;

namespace GoImage.Tool.Commands;

/// <summary><c>goimage new [dir]</c>: a .goproj beside an existing go.mod.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir")
        {
            Description = "The module's root folder, holding go.mod.",
            DefaultValueFactory = _ => ".",
        };
        var package = new Option<string?>("--package")
        {
            Description = "The main package's folder, relative to the module root. Default: the root when it is package main, else the only main package below it.",
            HelpName = "folder",
        };
        var source = new Option<string?>("--source")
        {
            Description = "A NuGet feed (folder or URL) that provides GoImage.Sdk; written to a NuGet.config unless one here or above already lists it.",
            HelpName = "feed",
        };
        var command = new Command("new", "Create a .goproj beside an existing go.mod: host platform, main package and image repository filled in.")
        {
            directory,
            package,
            source,
        };
        command.SetAction(parseResult =>
        {
            var reporter = ConsoleReporter.ForConsole(VerbosityOption.Read(parseResult));
            var options = new ScaffoldOptions(parseResult.GetValue(package), parseResult.GetValue(source), ToolVersion.Current, GoPlatform.HostLinux());
            return Run(parseResult.GetValue(directory) ?? ".", options, reporter);
        });
        return command.WithExamples(
            "goimage new                          # in the folder with go.mod",
            "goimage new services/api --package cmd/api",
            "goimage new --source ./packages      # also add a local feed to NuGet.config");
    }

    internal static int Run(string directory, ScaffoldOptions options, ConsoleReporter reporter)
    {
        try
        {
            var scaffold = ProjectScaffold.Plan(directory, options);
            scaffold.Write();
            foreach (var note in scaffold.Notes)
            {
                reporter.Line(note);
            }

            foreach (var file in scaffold.Files)
            {
                reporter.Line($"{(file.Replaces ? "Updated" : "Wrote")} {file.Path}: {file.Description}.", Verbosity.Quiet);
            }

            reporter.Line($"Next: goimage build {Path.GetRelativePath(Environment.CurrentDirectory, scaffold.Project.Path)}, then goimage publish.");
            return ExitCodes.Success;
        }
        catch (GoImageException e)
        {
            reporter.Report(e.Diagnostic);
            return ExitCodes.Failure;
        }
    }
}
