namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// A build with nothing changed starts no go process; a change to any file the Go build reads
/// rebuilds. Go processes are counted through a Go root whose bin/go logs each call.
/// </summary>
[TestClass]
public sealed class IncrementalBuildTests
{
    private GoProject _project = null!;
    private CountingGoRoot _go = null!;

    [TestInitialize]
    public void FirstBuild()
    {
        _project = GoProject.FromSample("hello");
        _go = new CountingGoRoot(_project.Root);
        var first = Build();
        Assert.IsTrue(first.Succeeded, first.ToString());
        Assert.IsTrue(_go.Invocations > 0, "the first build runs go");
    }

    [TestCleanup]
    public void Cleanup() => _project.Dispose();

    [TestMethod]
    public void LaterBuilds_WithNothingChanged_RunNoGoProcessAndKeepTheBinary()
    {
        var binary = _project.Binary("linux_amd64");
        var (bytes, time) = (File.ReadAllBytes(binary), File.GetLastWriteTimeUtc(binary));
        var before = _go.Invocations;

        var second = Build();
        var third = Build();

        Assert.IsTrue(second.Succeeded, second.ToString());
        Assert.IsTrue(third.Succeeded, third.ToString());
        Assert.AreEqual(before, _go.Invocations, "no go process on no-op builds (a skipped compile must keep its input record):\n" + File.ReadAllText(_go.LogFile));
        StringAssert.Contains(second.Output, "Skipping target \"_GoCompile\"");
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(binary));
        Assert.AreEqual(time, File.GetLastWriteTimeUtc(binary));
    }

    [TestMethod]
    public void AnEditInsideAFunction_RebuildsWithoutGoList_AndAnImportAddedLater_IsFollowed()
    {
        var main = _project.PathOf("main.go");
        File.WriteAllText(main, File.ReadAllText(main).Replace("var version = \"dev\"", "var version = \"edited\"", StringComparison.Ordinal));
        File.WriteAllText(_go.LogFile, "");
        var edited = Build();

        Assert.IsTrue(edited.Succeeded, edited.ToString());
        var calls = File.ReadAllLines(_go.LogFile);
        Assert.AreEqual(1, calls.Count(c => c.StartsWith("build ", StringComparison.Ordinal)), string.Join('\n', calls));
        Assert.AreEqual(0, calls.Count(c => c.StartsWith("list ", StringComparison.Ordinal)), "the last build's go list answer still holds:\n" + string.Join('\n', calls));

        // A new import of a new local package: go list runs again, and that package's files become inputs.
        var extra = _project.PathOf(Path.Combine("internal", "extra", "extra.go"));
        Directory.CreateDirectory(Path.GetDirectoryName(extra)!);
        File.WriteAllText(extra, "package extra\n\nfunc Suffix() string { return \"+one\" }\n");
        File.WriteAllText(main, File.ReadAllText(main)
            .Replace("\"example.com/hello/internal/greeting\"", "\"example.com/hello/internal/extra\"\n\t\"example.com/hello/internal/greeting\"", StringComparison.Ordinal)
            .Replace("func main() {", "func init() { version += extra.Suffix() }\n\nfunc main() {", StringComparison.Ordinal));
        File.WriteAllText(_go.LogFile, "");
        var imported = Build();
        Assert.IsTrue(imported.Succeeded, imported.ToString());
        calls = File.ReadAllLines(_go.LogFile);
        Assert.AreEqual(1, calls.Count(c => c.StartsWith("list ", StringComparison.Ordinal)), "a new import asks go list again:\n" + string.Join('\n', calls));

        File.WriteAllText(extra, "package extra\n\nfunc Suffix() string { return \"+two\" }\n");
        var followed = Build();
        Assert.IsTrue(followed.Succeeded, followed.ToString());
        var run = Command.Run(_project.Binary("linux_amd64"), ["-version"], Path.GetTempPath());
        Assert.AreEqual("1.4.2+two", run.Output.Trim());
    }

    [TestMethod]
    public void AProjectWithoutPackageReferences_GetsNoNuGetRestore_AndLosesAnEarlierRestoresOutputs()
    {
        var assets = _project.PathOf(Path.Combine("obj", "project.assets.json"));
        var imports = _project.PathOf(Path.Combine("obj", "hello.goproj.nuget.g.props"));
        Assert.IsFalse(File.Exists(assets), "no NuGet restore ran on the first build");

        // What a restore from before the project dropped its last PackageReference leaves behind.
        File.WriteAllText(assets, "{}");
        File.WriteAllText(imports, """<Project><Target Name="StalePackage" BeforeTargets="Build"><Error Text="a removed package's build logic ran" /></Target></Project>""");
        var after = Build();

        Assert.IsTrue(after.Succeeded, after.ToString());
        Assert.IsFalse(File.Exists(assets), "the stale assets file is removed");
        Assert.IsFalse(File.Exists(imports), "the stale package imports are removed");
    }

    [TestMethod]
    [DataRow("static/index.html", DisplayName = "an embedded asset")]
    [DataRow("internal/greeting/greeting.go", DisplayName = "a .go file of an imported local package")]
    [DataRow("main.go", DisplayName = "a .go file of the main package")]
    [DataRow("go.mod", DisplayName = "go.mod")]
    [DataRow("hello.goproj", DisplayName = "the project file")]
    public void TouchingAnInput_Rebuilds(string input)
    {
        var before = _go.Invocations;
        _project.Touch(input);

        var rebuild = Build();

        Assert.IsTrue(rebuild.Succeeded, rebuild.ToString());
        Assert.IsTrue(_go.Invocations > before, $"touching {input} must run go again");
        StringAssert.Contains(rebuild.Output, "GoBuild: building");
    }

    [TestMethod]
    public void AddingAGoFileWithAnOldTimestamp_Rebuilds()
    {
        var added = _project.PathOf("extra.go");
        File.WriteAllText(added, "package main\n\nfunc init() { version += \"+extra\" }\n");
        File.SetLastWriteTimeUtc(added, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var rebuild = Build();

        Assert.IsTrue(rebuild.Succeeded, rebuild.ToString());
        var run = Command.Run(_project.Binary("linux_amd64"), ["-version"], Path.GetTempPath());
        Assert.AreEqual("1.4.2+extra", run.Output.Trim());
    }

    [TestMethod]
    public void ChangingAFlag_Rebuilds()
    {
        var before = _go.Invocations;

        var rebuild = Build("-p:Version=9.9.9");

        Assert.IsTrue(rebuild.Succeeded, rebuild.ToString());
        Assert.IsTrue(_go.Invocations > before);
        Assert.AreEqual("9.9.9", Command.Run(_project.Binary("linux_amd64"), ["-version"], Path.GetTempPath()).Output.Trim());
    }

    [TestMethod]
    public void DesignTimeBuild_RunsNoGoProcess()
    {
        _project.Touch("main.go");
        var before = _go.Invocations;

        var designTime = Build("-p:DesignTimeBuild=true");

        Assert.IsTrue(designTime.Succeeded, designTime.ToString());
        Assert.AreEqual(before, _go.Invocations);
    }

    [TestMethod]
    public void Clean_RemovesTheBinaries()
    {
        var clean = _project.Dotnet("clean", $"-p:GoRoot={_go.Path}", "-p:GoTargetPlatforms=linux/amd64");

        Assert.IsTrue(clean.Succeeded, clean.ToString());
        Assert.IsFalse(File.Exists(_project.Binary("linux_amd64")), "dotnet clean removes what build wrote");
    }

    private CommandResult Build(params string[] extra) =>
        _project.Build([$"-p:GoRoot={_go.Path}", "-p:GoTargetPlatforms=linux/amd64", .. extra]);
}
