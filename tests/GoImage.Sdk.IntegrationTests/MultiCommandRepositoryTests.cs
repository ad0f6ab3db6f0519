using System.Security.Cryptography;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// The shape of a real repository, end to end: one module with cmd/api and cmd/worker sharing an internal package,
/// a .goproj in each command's folder referencing MinVer, both added to a solution with <c>dotnet sln add</c>, in a
/// git repository tagged v1.2.3. <c>dotnet build -m</c> of the solution stamps the tag's version and the commit,
/// stays up to date, and <c>dotnet publish</c> of the solution writes both images; the worker's data volume is
/// writable by the image's non-root user under podman.
/// </summary>
[TestClass]
public sealed class MultiCommandRepositoryTests
{
    private const string Main = """
        package main

        import (
        	"fmt"
        	"os"

        	"example.com/shop/internal/shop"
        )

        var (
        	version = "dev"
        	commit  string
        )

        func main() {
        	fmt.Println(shop.Describe("{{NAME}}", version, commit))
        	if len(os.Args) == 3 && os.Args[1] == "write" {
        		if err := os.WriteFile(os.Args[2], []byte("work\n"), 0o644); err != nil {
        			fmt.Println("write failed:", err)
        			os.Exit(1)
        		}
        		fmt.Printf("wrote %s as uid=%d\n", os.Args[2], os.Getuid())
        	}
        }
        """;

    private const string ProjectFile = """
        <Project Sdk="GoImage.Sdk">
          <PropertyGroup>
            <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
            <MinVerTagPrefix>v</MinVerTagPrefix>
            <GoVersionVariable>main.version</GoVersionVariable>
            <ContainerRepository>shop/{{NAME}}</ContainerRepository>
            <ContainerGenerateSemVerTags>true</ContainerGenerateSemVerTags>
            <ContainerArchiveOutputPath>$(MSBuildProjectDirectory)/bin/{{NAME}}.tar</ContainerArchiveOutputPath>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="MinVer" Version="8.0.0" PrivateAssets="all" />
            <GoLinkerVariable Include="main.commit" Value="$(SourceRevisionId)" />
          </ItemGroup>
        {{EXTRA}}
        </Project>
        """;

    private static readonly string[] Commands = ["api", "worker"];

    private static GoProject _project = null!;
    private static CountingGoRoot _goRoot = null!;
    private static string _solution = "";
    private static string _commit = "";
    private static CommandResult _slnAdd = null!;
    private static CommandResult _build = null!;
    private static CommandResult _secondBuild = null!;
    private static CommandResult _publish = null!;
    private static Dictionary<string, (byte[] Hash, DateTime Time)> _afterFirstBuild = [];
    private static int _goRunsAfterFirstBuild;

    [ClassInitialize]
    public static void BuildAndPublishTheSolution(TestContext context)
    {
        var root = GoProject.NewTempDirectory();
        Write(root, "go.mod", "module example.com/shop\n\ngo 1.21\n");
        Write(root, ".gitignore", "bin/\nobj/\n");
        Write(root, "internal/shop/shop.go", """
            package shop

            // Describe is what every command prints first.
            func Describe(name, version, commit string) string { return name + " " + version + " " + commit }
            """);
        foreach (var name in Commands)
        {
            Write(root, $"cmd/{name}/main.go", Main.Replace("{{NAME}}", name, StringComparison.Ordinal));
            var extra = name == "worker" ? "  <ItemGroup>\n    <ContainerVolume Include=\"/var/lib/worker\" />\n  </ItemGroup>" : "";
            Write(root, $"cmd/{name}/{name}.goproj", ProjectFile.Replace("{{NAME}}", name, StringComparison.Ordinal).Replace("{{EXTRA}}", extra, StringComparison.Ordinal));
        }

        _project = GoProject.FromDirectory(root, Path.Combine(root, "cmd", "api", "api.goproj"));
        _goRoot = new CountingGoRoot(root);
        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("commit", "-q", "-m", "two commands");
        Git("tag", "v1.2.3");
        _commit = Git("rev-parse", "HEAD").Output.Trim();

        Expect(Dotnet("new", "sln", "-n", "shop"));
        _solution = Directory.EnumerateFiles(root, "shop.sl*").Single();
        _slnAdd = Dotnet("sln", _solution, "add", "cmd/api/api.goproj", "cmd/worker/worker.goproj");

        _build = Dotnet("build", _solution, "-m", "-nodeReuse:false", "-nologo", "-v:n", $"-p:GoRoot={_goRoot.Path}");
        _afterFirstBuild = Commands.ToDictionary(n => n, n => Snapshot(Binary(n)));
        _goRunsAfterFirstBuild = _goRoot.Invocations;
        _secondBuild = Dotnet("build", _solution, "-m", "-nodeReuse:false", "-nologo", "-v:n", $"-p:GoRoot={_goRoot.Path}");
        _publish = Dotnet("publish", _solution, "-m", "-nodeReuse:false", "-nologo", "-v:n", "-p:PublishImage=true");
    }

    [ClassCleanup]
    public static void Cleanup() => _project.Dispose();

    [TestMethod]
    public void SlnAdd_ListsBothProjects()
    {
        Assert.IsTrue(_slnAdd.Succeeded, _slnAdd.ToString());
        Assert.IsFalse(_slnAdd.Output.Contains("unknown project type", StringComparison.Ordinal), _slnAdd.ToString());
        var list = Expect(Dotnet("sln", _solution, "list"));
        StringAssert.Contains(list.Output, Path.Combine("cmd", "api", "api.goproj"));
        StringAssert.Contains(list.Output, Path.Combine("cmd", "worker", "worker.goproj"));
    }

    [TestMethod]
    [DataRow("api")]
    [DataRow("worker")]
    public void SolutionBuild_EachBinaryPrintsTheTagsVersionAndTheCommit(string name)
    {
        Assert.IsTrue(_build.Succeeded, _build.ToString());
        var run = Command.Run(Binary(name), [], _project.Root);

        Assert.AreEqual($"{name} 1.2.3 {_commit}", run.Output.Trim(), _build.ToString());
    }

    [TestMethod]
    public void SecondSolutionBuild_RunsNoGo_AndChangesNoBinary()
    {
        Assert.IsTrue(_secondBuild.Succeeded, _secondBuild.ToString());
        Assert.AreEqual(_goRunsAfterFirstBuild, _goRoot.Invocations, "go processes in the second build: " + _secondBuild);
        foreach (var name in Commands)
        {
            var (hash, time) = Snapshot(Binary(name));
            CollectionAssert.AreEqual(_afterFirstBuild[name].Hash, hash, name);
            Assert.AreEqual(_afterFirstBuild[name].Time, time, name);
        }
    }

    [TestMethod]
    [DataRow("api")]
    [DataRow("worker")]
    public void SolutionPublish_WritesEachImage_TaggedWithTheVersion(string name)
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        var layout = new OciLayout(Path.Combine(_project.Root, "cmd", name, "bin", "Release", "publish", "image"));

        CollectionAssert.AreEquivalent(new[] { "1.2.3", "1.2", "1", "latest" }, layout.Tags.ToArray(), string.Join(", ", layout.Tags));
        var labels = layout.Config("amd64").GetProperty("config").GetProperty("Labels");
        Assert.AreEqual(_commit, labels.GetProperty("org.opencontainers.image.revision").GetString());
        Assert.AreEqual(name, labels.GetProperty("org.opencontainers.image.title").GetString());
    }

    [TestMethod]
    public void WorkerImage_WritesIntoItsDataVolume_AsTheNonRootUser_WithAndWithoutAMountedVolume()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        using var podman = new Podman(_project.Root);
        Expect(podman.Run("load", "-i", Path.Combine(_project.Root, "cmd", "worker", "bin", "worker.tar")));
        const string image = "localhost/shop/worker:1.2.3";

        var plain = podman.RunContainer(image, "write", "/var/lib/worker/job.txt");
        Assert.IsTrue(plain.Succeeded, plain.ToString());
        StringAssert.Contains(plain.Output, "wrote /var/lib/worker/job.txt as uid=65532");

        var volume = "worker-" + Guid.NewGuid().ToString("N")[..8];
        var mounted = podman.RunContainerWith(["-v", $"{volume}:/var/lib/worker"], image, "write", "/var/lib/worker/job.txt");
        Assert.IsTrue(mounted.Succeeded, mounted.ToString());
        StringAssert.Contains(mounted.Output, "wrote /var/lib/worker/job.txt as uid=65532");
    }

    [TestMethod]
    public void Verify_OfACommandBelowGoMod_BuildsTheModuleTwice_AndIsReproducible()
    {
        var run = GoImage.Sdk.IntegrationTests.Tool.InstalledTool.Run(_project, "verify");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "Reproducible: both builds of api.goproj produced sha256:");
    }

    private static string Binary(string name) => Path.Combine(_project.Root, "cmd", name, "bin", "Debug", "linux_amd64", name);

    private static (byte[] Hash, DateTime Time) Snapshot(string file) =>
        File.Exists(file) ? (SHA256.HashData(File.ReadAllBytes(file)), File.GetLastWriteTimeUtc(file)) : ([], default);

    private static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static CommandResult Dotnet(params string[] arguments) => Command.Run("dotnet", arguments, _project.Root, _project.Environment);

    private static CommandResult Expect(CommandResult result)
    {
        Assert.IsTrue(result.Succeeded, result.ToString());
        return result;
    }

    private static CommandResult Git(params string[] arguments) => GitRepository.Run(_project.Root, null, arguments);
}
