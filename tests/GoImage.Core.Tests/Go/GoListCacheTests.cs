using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class GoListCacheTests
{
    private const string MainGo = "package main\n\nimport \"example.com/app/internal/greeting\"\n\nvar version = \"dev\"\n\nfunc main() { println(greeting.Hello(), version) }\n";

    // A module with a main package, a local package, a C file and an embedded file, recorded with one answer.
    private static (GoListCache Cache, TempDirectory Dir) Recorded()
    {
        var dir = new TempDirectory();
        var inputs = new GoInputSet();
        inputs.Files.Add(dir.Write("go.mod", "module example.com/app\n\ngo 1.23\n"));
        inputs.Files.Add(dir.Write("main.go", MainGo));
        inputs.Files.Add(dir.Write("sum.c", "int sum(int a, int b) { return a + b; }\n"));
        inputs.Files.Add(dir.Write("internal/greeting/greeting.go", "package greeting\n\nfunc Hello() string { return \"hello\" }\n"));
        inputs.Files.Add(dir.Write("static/index.html", "<html></html>\n"));
        inputs.PackageDirectories.Add(dir.Combine(""));
        inputs.PackageDirectories.Add(dir.Combine("internal/greeting"));
        inputs.EmbedDirectories.Add(dir.Combine("static"));
        var cache = new GoListCache(dir.Combine("obj/goimage.inputs.golist"));
        Directory.CreateDirectory(dir.Combine("obj"));
        cache.Write(new Dictionary<string, string> { ["key"] = "{\"Dir\": \"x\"}\n" }, inputs);
        return (cache, dir);
    }

    [TestMethod]
    public void Read_AfterAnEditInsideAFunctionOrAConstant_ReturnsTheAnswer()
    {
        var (cache, dir) = Recorded();
        using var _ = dir;
        File.WriteAllText(dir.Combine("main.go"), MainGo.Replace("\"dev\"", "\"bench-42\"", StringComparison.Ordinal));
        File.WriteAllText(dir.Combine("internal/greeting/greeting.go"), "package greeting\n\nfunc Hello() string { return \"hi\" }\n");
        File.WriteAllText(dir.Combine("static/index.html"), "<html>changed</html>\n");

        Assert.AreEqual("{\"Dir\": \"x\"}\n", cache.Read().GetValueOrDefault("key"));
    }

    [TestMethod]
    [DataRow("main.go", "package main\n\nimport (\n\"example.com/app/internal/greeting\"\n\"os\"\n)\n\nfunc main() { println(greeting.Hello(), os.Args) }\n", DisplayName = "an import added")]
    [DataRow("go.mod", "module example.com/app\n\ngo 1.23\n\nrequire example.com/lib v1.0.0\n", DisplayName = "go.mod")]
    [DataRow("sum.c", "//go:build ignore\n\nint sum(int a, int b) { return a + b; }\n", DisplayName = "a build constraint in a C file")]
    [DataRow("internal/greeting/extra.go", "package greeting\n", DisplayName = "a Go file added to a package")]
    [DataRow("static/new.css", "body {}\n", DisplayName = "a file added to an embed folder")]
    public void Read_AfterAChangeGoListReads_ReturnsNothing(string file, string content)
    {
        var (cache, dir) = Recorded();
        using var _ = dir;
        File.WriteAllText(dir.Combine(file), content);

        Assert.AreEqual(0, cache.Read().Count);
    }

    [TestMethod]
    public void Read_AfterARecordedFileWasRemoved_ReturnsNothing()
    {
        var (cache, dir) = Recorded();
        using var _ = dir;
        File.Delete(dir.Combine("internal/greeting/greeting.go"));

        Assert.AreEqual(0, cache.Read().Count);
    }

    [TestMethod]
    public void Read_ADamagedRecord_ReturnsNothing()
    {
        var (cache, dir) = Recorded();
        using var _ = dir;
        File.WriteAllText(cache.Path, "{ not json");

        Assert.AreEqual(0, cache.Read().Count);
    }

    [TestMethod]
    public void Key_DiffersByPlatformAndGoVersion()
    {
        var settings = new GoBuildSettings { ModuleDirectory = "/src/app", Package = ".", BinaryName = "app" };
        var amd64 = GoBuildPlan.Create(settings, new GoPlatform("linux", "amd64", null), "/out/amd64/app");
        var arm64 = GoBuildPlan.Create(settings, new GoPlatform("linux", "arm64", null), "/out/arm64/app");
        var again = GoBuildPlan.Create(settings, new GoPlatform("linux", "amd64", null), "/elsewhere/app");

        Assert.AreNotEqual(GoListCache.Key("/usr/bin/go", "go1.23.5", amd64), GoListCache.Key("/usr/bin/go", "go1.23.5", arm64));
        Assert.AreNotEqual(GoListCache.Key("/usr/bin/go", "go1.23.5", amd64), GoListCache.Key("/usr/bin/go", "go1.23.6", amd64));
        Assert.AreEqual(GoListCache.Key("/usr/bin/go", "go1.23.5", amd64), GoListCache.Key("/usr/bin/go", "go1.23.5", again), "the output path is not part of a list");
    }
}
