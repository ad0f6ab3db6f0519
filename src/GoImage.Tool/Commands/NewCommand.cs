using System.CommandLine;
using GoImage.Diagnostics;
using GoImage.Go;
using GoImage.Tool.Output;
using GoImage.Tool.Scaffolding;

namespace GoImage.Tool.Commands;

/// <summary><c>goimage new [dir]</c>: a .goproj for a main package of an existing Go module, added to a solution found there.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir")
        {
            Description = "The project's folder: the module's root (holding go.mod) or a command's folder below it, such as cmd/worker.",
            DefaultValueFactory = _ => ".",
        };
        var package = new Option<string?>("--package")
        {
            Description = "The main package's folder, relative to the module root. Default: the root when it is package main, else the only main package below it.",
            HelpName = "folder",
        };
        var name = new Option<string?>("--name")
        {
            Description = "The project's name (name.goproj). Default: the folder's below the root; at the root the module's, or the command's for a second project there.",
            HelpName = "name",
        };
        var solution = new Option<string?>("--solution")
        {
            Description = "The .sln or .slnx to add the project to. Default: the only one in the module root and the current folder.",
            HelpName = "file",
        };
        var noSolution = new Option<bool>("--no-solution")
        {
            Description = "Add the project to no solution.",
        };
        var source = new Option<string?>("--source")
        {
            Description = "A NuGet feed (folder or URL) that provides GoImage.Sdk; written to a NuGet.config unless one here or above already lists it.",
            HelpName = "feed",
        };
        var kubernetes = new Option<bool>("--kubernetes")
        {
            Description = "Also write deploy/<name>.yaml: a Deployment and a Service for the image (goimage://<name>, pinned by digest on a publish that pushes), listed as a KubernetesManifest.",
        };
        var port = new Option<int>("--port")
        {
            Description = "With --kubernetes: the service's TCP port, a ContainerPort of the project (default 8080).",
            HelpName = "number",
            DefaultValueFactory = _ => 8080,
        };
        var command = new Command("new", """
            Create a .goproj for a main package of an existing Go module (at its root or in a command's folder)
            and add it to the solution there: host platform, main package and image repository filled in.

            Exit codes: 0 written; 1 refused or failed (no go.mod or main package, the project exists, a file
            could not be written or added to the solution); 2 a usage error (a command line that does not
            parse, a DIR that does not exist, an invalid --name, a --package that is no main package, a
            --solution that does not exist).
            """)
        {
            directory,
            package,
            name,
            solution,
            noSolution,
            source,
            kubernetes,
            port,
        };
        command.SetAction(parseResult =>
        {
            var reporter = ConsoleReporter.From(parseResult);
            var options = new ScaffoldOptions(parseResult.GetValue(package), parseResult.GetValue(source), ToolVersion.Current, GoPlatform.HostLinux(),
                parseResult.GetValue(name), parseResult.GetValue(solution), parseResult.GetValue(noSolution),
                Kubernetes: parseResult.GetValue(kubernetes), Port: parseResult.GetValue(port));
            return Run(parseResult.GetValue(directory) ?? ".", options, reporter);
        });
        return command.WithExamples(
            "goimage new                          # in the folder with go.mod",
            "goimage new cmd/worker               # a project in a command's folder, added to the solution",
            "goimage new --package cmd/worker     # a second project at the module root: worker.goproj",
            "goimage new services/api --package cmd/api --no-solution",
            "goimage new --source ./packages      # also add a local feed to NuGet.config",
            "goimage new --kubernetes --port 8080 # also deploy/<name>.yaml, a Deployment and a Service");
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

            scaffold.AddToSolution();
            if (scaffold.Solution is not null)
            {
                reporter.Line($"Added {scaffold.Project.Path} to {scaffold.Solution}.", Verbosity.Quiet);
            }

            reporter.Line($"Next: goimage build {Path.GetRelativePath(Environment.CurrentDirectory, scaffold.Project.Path)}, then goimage publish.");
            return ExitCodes.Success;
        }
        catch (CommandLineException e)
        {
            reporter.Report(e.Diagnostic);
            return ExitCodes.Usage;
        }
        catch (GoImageException e)
        {
            reporter.Report(e.Diagnostic);
            return ExitCodes.Failure;
        }
    }
}
