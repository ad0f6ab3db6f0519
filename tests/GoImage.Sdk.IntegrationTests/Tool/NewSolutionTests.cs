namespace GoImage.Sdk.IntegrationTests.Tool;

/// <summary>
/// <c>goimage new</c> in a module with several commands: one project per command in its folder (run at the
/// module root or inside the folder), each added to the solution it finds, which then builds with <c>-m</c>.
/// </summary>
[TestClass]
public sealed class NewSolutionTests
{
    [TestMethod]
    public void New_ForEachCommand_AddsItToTheSolution_WhichBuildsBoth()
    {
        using var module = TwoCommandModule();
        Expect(Dotnet(module, "new", "sln", "--name", "shop"));
        var solution = Path.Combine(module.Root, "shop.slnx");

        var api = InstalledTool.Run(["new", "cmd/api"], module.Root, module.Environment);
        var worker = InstalledTool.Run(["new"], Path.Combine(module.Root, "cmd", "worker"), module.Environment);

        foreach (var (result, command) in new[] { (api, "api"), (worker, "worker") })
        {
            var project = Path.Combine(module.Root, "cmd", command, command + ".goproj");
            Assert.AreEqual(0, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Output, "Wrote " + project, result.ToString());
            StringAssert.Contains(result.Output, $"Added {project} to {solution}.", result.ToString());
            var text = File.ReadAllText(project);
            Assert.IsFalse(text.Contains("<GoPackage>", StringComparison.Ordinal), "the command's own folder is the default:\n" + text);
            StringAssert.Contains(text, $"<ContainerRepository>shop/{command}</ContainerRepository>");
        }

        var listed = Expect(Dotnet(module, "sln", solution, "list"));
        StringAssert.Contains(listed.Output, "cmd/api/api.goproj", listed.ToString());
        StringAssert.Contains(listed.Output, "cmd/worker/worker.goproj", listed.ToString());

        Expect(Dotnet(module, "build", solution, "-m", "-nodeReuse:false", "-nologo"));
        foreach (var command in new[] { "api", "worker" })
        {
            var binary = Path.Combine(module.Root, "cmd", command, "bin", "Debug", HostPlatformDirectory(), command);
            Assert.AreEqual($"{command} runs", Command.Run(binary, [], Path.GetTempPath()).Output.Trim());
        }
    }

    [TestMethod]
    public void New_WithSolution_AddsToTheNamedSln_AndSeveralFoundAreRefused()
    {
        using var module = TwoCommandModule();
        Expect(Dotnet(module, "new", "sln", "--name", "shop", "--format", "sln"));
        Expect(Dotnet(module, "new", "sln", "--name", "shop", "--format", "slnx"));
        var worker = Path.Combine(module.Root, "cmd", "worker");

        var refused = InstalledTool.Run(["new"], worker, module.Environment);
        var added = InstalledTool.Run(["new", "--solution", "../../shop.sln"], worker, module.Environment);

        Assert.AreEqual(1, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Output, "error GOI4020", refused.ToString());
        Assert.AreEqual(0, added.ExitCode, added.ToString());
        var listed = Expect(Dotnet(module, "sln", "shop.sln", "list"));
        StringAssert.Contains(listed.Output.Replace('\\', '/'), "cmd/worker/worker.goproj", listed.ToString());
        var slnx = Expect(Dotnet(module, "sln", "shop.slnx", "list"));
        Assert.IsFalse(slnx.Output.Contains("worker.goproj", StringComparison.Ordinal), "only the named solution changes:\n" + slnx);
    }

    // go.mod at the root; cmd/api and cmd/worker are commands importing internal/shared; no project yet.
    private static GoProject TwoCommandModule()
    {
        var root = GoProject.NewTempDirectory();
        var files = new Dictionary<string, string>
        {
            ["go.mod"] = "module example.com/shop\n\ngo 1.23\n",
            ["internal/shared/shared.go"] = "package shared\n\nfunc Verb() string { return \"runs\" }\n",
        };
        foreach (var command in new[] { "api", "worker" })
        {
            files[$"cmd/{command}/main.go"] = $$"""
                package main

                import (
                	"fmt"

                	"example.com/shop/internal/shared"
                )

                func main() { fmt.Println("{{command}}", shared.Verb()) }
                """;
        }

        foreach (var (path, content) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        return GoProject.FromDirectory(root, Path.Combine(root, "cmd", "api", "api.goproj"));
    }

    private static string HostPlatformDirectory() =>
        "linux_" + (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64");

    private static CommandResult Dotnet(GoProject module, params string[] arguments) =>
        Command.Run("dotnet", arguments, module.Root, module.Environment);

    private static CommandResult Expect(CommandResult result)
    {
        Assert.IsTrue(result.Succeeded, result.ToString());
        return result;
    }
}
