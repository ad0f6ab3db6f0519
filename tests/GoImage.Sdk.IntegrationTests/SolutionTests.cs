namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// A module with two commands and a shared internal package, one .goproj per command in its own folder,
/// both added to a solution with <c>dotnet sln add</c> and built, cleaned and published through it with
/// <c>-m</c>. Go processes are counted through <see cref="CountingGoRoot"/>.
/// </summary>
[TestClass]
public sealed class SolutionTests
{
    private static readonly string[] Commands = ["api", "worker"];

    [TestMethod]
    [DataRow("slnx", DisplayName = ".slnx (dotnet new sln's default)")]
    [DataRow("sln", DisplayName = ".sln")]
    public void SlnAdd_AcceptsGoProjects_AndListsThem(string format)
    {
        using var module = TwoCommandModule();

        var solution = NewSolution(module, format);

        var listed = Dotnet(module, "sln", solution, "list");
        Assert.IsTrue(listed.Succeeded, listed.ToString());
        foreach (var command in Commands)
        {
            StringAssert.Contains(listed.Output.Replace('\\', '/'), $"cmd/{command}/{command}.goproj", listed.ToString());
        }
    }

    [TestMethod]
    public void SolutionBuild_WithM_BuildsEachProject_AndASecondBuildRunsNoGoAndChangesNoBinary()
    {
        using var module = TwoCommandModule();
        var solution = NewSolution(module, "slnx");
        var go = new CountingGoRoot(module.Root);

        var first = Dotnet(module, "build", solution, "-m", $"-p:GoRoot={go.Path}");

        Assert.IsTrue(first.Succeeded, first.ToString());
        var binaries = Commands.ToDictionary(c => c, c => BinaryOf(module, "Debug", c));
        foreach (var (command, binary) in binaries)
        {
            Assert.AreEqual($"{command} uses shared", Command.Run(binary, [], Path.GetTempPath()).Output.Trim(), first.ToString());
        }

        var before = go.Invocations;
        var stamps = binaries.ToDictionary(b => b.Key, b => (File.ReadAllBytes(b.Value), File.GetLastWriteTimeUtc(b.Value)));

        var second = Dotnet(module, "build", solution, "-m", $"-p:GoRoot={go.Path}");

        Assert.IsTrue(second.Succeeded, second.ToString());
        Assert.AreEqual(before, go.Invocations, "a no-op solution build starts no go process:\n" + File.ReadAllText(go.LogFile));
        foreach (var (command, binary) in binaries)
        {
            CollectionAssert.AreEqual(stamps[command].Item1, File.ReadAllBytes(binary), command);
            Assert.AreEqual(stamps[command].Item2, File.GetLastWriteTimeUtc(binary), command);
        }

        // Each project is up to date on its own: touching one command's source rebuilds that project only.
        File.SetLastWriteTimeUtc(Path.Combine(module.Root, "cmd/worker/main.go"), DateTime.UtcNow);
        var third = Dotnet(module, "build", solution, "-m", $"-p:GoRoot={go.Path}");

        Assert.IsTrue(third.Succeeded, third.ToString());
        StringAssert.Contains(third.Output, "GoBuild: building ./cmd/worker", third.ToString());
        Assert.IsFalse(third.Output.Contains("GoBuild: building ./cmd/api", StringComparison.Ordinal), third.ToString());
        Assert.AreEqual(stamps["api"].Item2, File.GetLastWriteTimeUtc(binaries["api"]));

        var clean = Dotnet(module, "clean", solution, "-m");

        Assert.IsTrue(clean.Succeeded, clean.ToString());
        foreach (var (command, binary) in binaries)
        {
            Assert.IsFalse(File.Exists(binary), $"dotnet clean of the solution removes {command}'s binary");
        }
    }

    [TestMethod]
    public void SolutionPublish_WithPublishImage_WritesAnImageForEachProject()
    {
        using var module = TwoCommandModule();
        var solution = NewSolution(module, "sln");

        var publish = Dotnet(module, "publish", solution, "-m", "-p:PublishImage=true");

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        foreach (var command in Commands)
        {
            var layout = Path.Combine(module.Root, $"cmd/{command}/bin/Release/publish/image");
            var inspect = Peers.Skopeo("inspect", "--config", $"oci:{layout}:latest");
            Peers.Expect(inspect);
            StringAssert.Contains(inspect.Output, $"/app/{command}", inspect.ToString());

            var rootfs = Peers.UnpackPlatform(layout, "latest", "amd64", Path.Combine(module.Root, "unpacked-" + command));
            Assert.AreEqual($"{command} uses shared", Command.Run(Path.Combine(rootfs, "app", command), [], Path.GetTempPath()).Output.Trim());
        }

        Assert.AreNotEqual(
            new OciLayout(Path.Combine(module.Root, "cmd/api/bin/Release/publish/image")).ImageIndexDigest,
            new OciLayout(Path.Combine(module.Root, "cmd/worker/bin/Release/publish/image")).ImageIndexDigest);
    }

    [TestMethod]
    public void ASolutionWithACSharpProjectReferencingGoProjects_BuildsGraphBuildsTestsAndPacks()
    {
        using var module = TwoCommandModule();
        var solution = NewSolution(module, "slnx");
        // A C# project (an integration test project, say) that needs the Go binaries built first: MSBuild asks the
        // .goproj for GetTargetFrameworks, GetTargetPath and the rest of the ProjectReference protocol.
        var csproj = Path.Combine(module.Root, "tests", "checks", "checks.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(csproj)!);
        File.WriteAllText(csproj, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../../cmd/api/api.goproj" ReferenceOutputAssembly="false" />
                <ProjectReference Include="../../cmd/worker/worker.goproj" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(module.Root, "tests", "checks", "Checks.cs"), "namespace Checks;\n\npublic static class Marker;\n");
        Assert.IsTrue(Dotnet(module, "sln", solution, "add", csproj).Succeeded);

        foreach (var verb in new[] { new[] { "build", "-m" }, ["build", "-graph"], ["test"], ["pack"] })
        {
            var result = Dotnet(module, [verb[0], solution, .. verb[1..]]);

            Assert.IsTrue(result.Succeeded, string.Join(' ', verb) + ": " + result);
            Assert.IsFalse(result.Output.Contains("MSB4057", StringComparison.Ordinal), "no target a .goproj lacks is called:\n" + result);
        }

        Assert.IsTrue(File.Exists(BinaryOf(module, "Debug", "api")));
        Assert.IsTrue(File.Exists(Path.Combine(module.Root, "tests", "checks", "bin", "Debug", "net10.0", "checks.dll")));
    }

    // go.mod at the root, cmd/api and cmd/worker importing internal/shared, each with its own .goproj.
    private static GoProject TwoCommandModule()
    {
        var root = GoProject.NewTempDirectory();
        var files = new Dictionary<string, string>
        {
            ["go.mod"] = "module example.com/shop\n\ngo 1.23\n",
            ["internal/shared/shared.go"] = "package shared\n\nfunc Name() string { return \"shared\" }\n",
        };
        foreach (var command in Commands)
        {
            files[$"cmd/{command}/main.go"] = $$"""
                package main

                import (
                	"fmt"

                	"example.com/shop/internal/shared"
                )

                func main() { fmt.Println("{{command}} uses", shared.Name()) }
                """;
            files[$"cmd/{command}/{command}.goproj"] = """
                <Project Sdk="GoImage.Sdk">
                  <PropertyGroup>
                    <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
                  </PropertyGroup>
                </Project>
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

    // dotnet new sln, then dotnet sln add of both projects, as a user would; returns the solution's path.
    private static string NewSolution(GoProject module, string format)
    {
        var created = Dotnet(module, "new", "sln", "--name", "shop", "--format", format);
        Assert.IsTrue(created.Succeeded, created.ToString());
        var solution = Path.Combine(module.Root, "shop." + format);
        Assert.IsTrue(File.Exists(solution), created.ToString());

        var added = Dotnet(module, "sln", solution, "add", "cmd/api/api.goproj", "cmd/worker/worker.goproj");

        Assert.IsTrue(added.Succeeded, added.ToString());
        Assert.IsFalse(added.Output.Contains("unknown project type", StringComparison.Ordinal), added.ToString());
        var text = File.ReadAllText(solution).Replace('\\', '/');
        foreach (var command in Commands)
        {
            StringAssert.Contains(text, $"cmd/{command}/{command}.goproj", added.ToString());
        }

        return solution;
    }

    private static string BinaryOf(GoProject module, string configuration, string command) =>
        Path.Combine(module.Root, "cmd", command, "bin", configuration, "linux_amd64", command);

    private static CommandResult Dotnet(GoProject module, params string[] arguments) =>
        Command.Run("dotnet", [.. arguments, .. arguments[0] is "new" or "sln" ? Array.Empty<string>() : ["-nodeReuse:false", "-nologo", "-v:n"]],
            module.Root, module.Environment);
}
