using System.Globalization;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// Versions from git, the .NET way: a module in a real git repository with a tag v1.2.3, versioned by MinVer (a
/// PackageReference, as .NET teams use it) and stamped with the commit through GoLinkerVariable, built and published.
/// </summary>
[TestClass]
public sealed class SourceVersionTests
{
    // A fixed committer date, so the expected image time is known: 2024-05-06T07:08:09Z.
    private const long CommitTime = 1714979289;

    private static GoProject _project = null!;
    private static string _commit = "";
    private static CommandResult _build = null!;
    private static CommandResult _publish = null!;

    [ClassInitialize]
    public static void BuildTaggedRepository(TestContext context)
    {
        _project = GoProject.FromFiles(new Dictionary<string, string>
        {
            ["go.mod"] = "module example.com/app\n\ngo 1.21\n",
            ["main.go"] = """
                package main

                import "fmt"

                var (
                	version = "dev"
                	commit  string
                )

                func main() { fmt.Println(version, commit) }
                """,
            ["app.goproj"] = """
                <Project Sdk="GoImage.Sdk">
                  <PropertyGroup>
                    <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
                    <MinVerTagPrefix>v</MinVerTagPrefix>
                    <GoVersionVariable>main.version</GoVersionVariable>
                    <ContainerGenerateSemVerTags>true</ContainerGenerateSemVerTags>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="MinVer" Version="8.0.0" PrivateAssets="all" />
                    <GoLinkerVariable Include="main.commit" Value="$(SourceRevisionId)" />
                  </ItemGroup>
                </Project>
                """,
            [".gitignore"] = "bin/\nobj/\n",
        });
        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("commit", "-q", "-m", "first");
        Git("tag", "v1.2.3");
        _commit = Git("rev-parse", "HEAD").Output.Trim();

        _build = _project.Build();
        _publish = _project.Publish();
    }

    [ClassCleanup]
    public static void Cleanup() => _project.Dispose();

    [TestMethod]
    public void Build_StampsMinVersVersionAndTheCommit()
    {
        Assert.IsTrue(_build.Succeeded, _build.ToString());
        var run = Command.Run(_project.Binary("linux_amd64"), [], _project.Directory);

        Assert.AreEqual($"1.2.3 {_commit}", run.Output.Trim(), _build.ToString());
        Assert.AreEqual(40, _commit.Length, "rev-parse gave a full commit id");
        Assert.IsFalse(_build.Output.Contains("GOI1030", StringComparison.Ordinal), "both variables exist: " + _build);
    }

    [TestMethod]
    public void Publish_TagsMinVersVersion_AndTakesTheCommitTimeAndRevision()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        var layout = new OciLayout(_project.LayoutPath);
        CollectionAssert.AreEquivalent(new[] { "1.2.3", "1.2", "1", "latest" }, layout.Tags.ToArray());

        var config = layout.Config("amd64");
        var created = DateTimeOffset.Parse(config.GetProperty("created").GetString()!, CultureInfo.InvariantCulture);
        Assert.AreEqual(CommitTime, created.ToUnixTimeSeconds(), "no SOURCE_DATE_EPOCH: HEAD's commit time");
        var labels = config.GetProperty("config").GetProperty("Labels");
        Assert.AreEqual("1.2.3", labels.GetProperty("org.opencontainers.image.version").GetString());
        Assert.AreEqual(_commit, labels.GetProperty("org.opencontainers.image.revision").GetString());
    }

    [TestMethod]
    public void Publish_FileTimesAreTheCommitTime()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        var unpacked = Peers.UnpackPlatform(_project.LayoutPath, "latest", "amd64", GoProject.NewTempDirectory());
        var binary = new FileInfo(Path.Combine(unpacked, "app", "app"));

        Assert.IsTrue(binary.Exists, binary.FullName);
        Assert.AreEqual(CommitTime, new DateTimeOffset(binary.LastWriteTimeUtc).ToUnixTimeSeconds());
    }

    [TestMethod]
    public void SourceDateEpoch_StillWinsOverTheCommitTime()
    {
        // Act: a second publish with the variable set, into another layout.
        _project.Environment["SOURCE_DATE_EPOCH"] = "1000";
        CommandResult publish;
        try
        {
            publish = _project.Publish("-p:ContainerImageLayoutPath=" + _project.PathOf("epoch-image") + "/");
        }
        finally
        {
            _project.Environment["SOURCE_DATE_EPOCH"] = null;
        }

        // Assert
        Assert.IsTrue(publish.Succeeded, publish.ToString());
        var created = new OciLayout(_project.PathOf("epoch-image")).Config("amd64").GetProperty("created").GetString();
        Assert.AreEqual("1970-01-01T00:16:40Z", created);
    }

    [TestMethod]
    public void DesignTimeBuild_RunsNoGitQuery()
    {
        // Act: the same targets in a build (the control) and in a design-time build, as an IDE runs them.
        string[] targets = ["-t:GoResolveVersion;_ContainerResolveSourceInformation", "-v:d"];
        var build = _project.Dotnet("msbuild", targets);
        var designTime = _project.Dotnet("msbuild", [.. targets, "-p:DesignTimeBuild=true"]);

        // Assert: the source-control query, MinVer and the commit time run in the build only.
        Assert.IsTrue(build.Succeeded, build.ToString());
        Assert.IsTrue(designTime.Succeeded, designTime.ToString());
        foreach (var marker in new[] { "LocateRepository", "MinVer.dll", "SourceCommitTime:" })
        {
            StringAssert.Contains(build.Output, marker, build.ToString());
            Assert.IsFalse(designTime.Output.Contains(marker, StringComparison.Ordinal), $"{marker} in a design-time build: {designTime}");
        }
    }

    private static CommandResult Git(params string[] arguments) => GitRepository.Run(_project.Root, "2024-05-06T07:08:09Z", arguments);
}
