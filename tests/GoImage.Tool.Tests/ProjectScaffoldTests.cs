using GoImage.Diagnostics;
using GoImage.Go;
using GoImage.Tool.Scaffolding;

namespace GoImage.Tool.Tests;

[TestClass]
public sealed class ProjectScaffoldTests
{
    private static readonly ScaffoldOptions Defaults = new(null, null, "1.2.3", new GoPlatform("linux", "arm64", null));

    [TestMethod]
    public void Plan_WritesAProjectPinningTheSdkWhenNoGlobalJsonGovernsTheFolder()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "app", "example.com/shop/api");
        SkipIfAGlobalJsonIsAbove(module);

        var scaffold = ProjectScaffold.Plan(module, Defaults);

        Assert.AreEqual(1, scaffold.Files.Count);
        Assert.AreEqual(Path.Combine(module, "api.goproj"), scaffold.Project.Path);
        StringAssert.StartsWith(scaffold.Project.Content, "<Project Sdk=\"GoImage.Sdk/1.2.3\">");
        StringAssert.Contains(scaffold.Project.Content, "<GoTargetPlatforms>linux/arm64</GoTargetPlatforms>");
        StringAssert.Contains(scaffold.Project.Content, "<ContainerRepository>shop/api</ContainerRepository>");
        Assert.IsFalse(scaffold.Project.Content.Contains("<GoPackage>", StringComparison.Ordinal), scaffold.Project.Content);
    }

    [TestMethod]
    public void Plan_SetsGoPackageAndTheBinaryNameForAMainPackageBelowTheRoot()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "app", "example.com/shop/api", mainFolder: "cmd/server");

        var project = ProjectScaffold.Plan(module, Defaults).Project.Content;

        StringAssert.Contains(project, "<GoPackage>cmd/server</GoPackage>");
        StringAssert.Contains(project, "<GoBinaryName>server</GoBinaryName>");
    }

    [TestMethod]
    public void Plan_AddsTheSdkToAGlobalJsonAboveAndLeavesTheVersionOutOfTheProject()
    {
        using var temp = new TempFolder();
        var globalJson = temp.Write("global.json", """{ "sdk": { "version": "10.0.100" } }""");
        var module = Module(temp, "services/api", "example.com/shop/api");

        var scaffold = ProjectScaffold.Plan(module, Defaults);

        Assert.AreEqual(2, scaffold.Files.Count);
        Assert.AreEqual(globalJson, scaffold.Files[0].Path);
        Assert.IsTrue(scaffold.Files[0].Replaces);
        StringAssert.Contains(scaffold.Files[0].Content, "\"GoImage.Sdk\": \"1.2.3\"");
        StringAssert.Contains(scaffold.Files[0].Content, "\"version\": \"10.0.100\"");
        StringAssert.StartsWith(scaffold.Project.Content, "<Project Sdk=\"GoImage.Sdk\">");
    }

    [TestMethod]
    public void Plan_KeepsAGlobalJsonThatAlreadyPinsTheSdk()
    {
        using var temp = new TempFolder();
        temp.Write("global.json", """{ "msbuild-sdks": { "GoImage.Sdk": "0.0.9" } }""");
        var module = Module(temp, "app", "example.com/hello");

        var scaffold = ProjectScaffold.Plan(module, Defaults);

        Assert.AreEqual(1, scaffold.Files.Count);
        StringAssert.StartsWith(scaffold.Project.Content, "<Project Sdk=\"GoImage.Sdk\">");
        StringAssert.Contains(scaffold.Notes.Single(), "already pins GoImage.Sdk 0.0.9");
    }

    [TestMethod]
    public void Plan_WritesANuGetConfigForASourceNoConfigListsYet()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "app", "example.com/hello");

        var scaffold = ProjectScaffold.Plan(module, Defaults with { Source = temp.PathOf("feed") });

        var config = scaffold.Files.Single(f => f.Path == Path.Combine(module, "NuGet.config"));
        StringAssert.Contains(config.Content, $"value=\"{temp.PathOf("feed")}\"");
        Assert.IsFalse(config.Content.Contains("<clear", StringComparison.Ordinal), "the user's other sources stay in use");
    }

    [TestMethod]
    public void Plan_WritesNoNuGetConfigWhenOneAboveListsTheSource()
    {
        using var temp = new TempFolder();
        temp.Write("NuGet.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="feed/" /></packageSources></configuration>
            """);
        var module = Module(temp, "app", "example.com/hello");

        var scaffold = ProjectScaffold.Plan(module, Defaults with { Source = temp.PathOf("feed") });

        Assert.IsFalse(scaffold.Files.Any(f => f.Path.EndsWith("NuGet.config", StringComparison.Ordinal)));
        StringAssert.Contains(scaffold.Notes.Single(n => n.Contains("NuGet.config", StringComparison.Ordinal)), "already lists");
    }

    [TestMethod]
    public void Plan_RefusesAFolderThatHasAProjectAndWritesNothing()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "app", "example.com/hello");
        temp.Write("app/mine.goproj", "<Project Sdk=\"GoImage.Sdk\" />");
        temp.Write("global.json", "{}");
        var before = temp.Snapshot();

        var error = Assert.ThrowsExactly<GoImageException>(() => NewAndWrite(module, Defaults with { Source = "https://example.com/feed" })).Diagnostic;

        Assert.AreEqual("GOI4003", error.Code);
        StringAssert.Contains(error.Message, "mine.goproj");
        CollectionAssert.AreEqual(before, temp.Snapshot());
    }

    [TestMethod]
    public void Write_RefusesAProjectCreatedAfterThePlan()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "app", "example.com/hello");
        var scaffold = ProjectScaffold.Plan(module, Defaults);
        File.WriteAllText(scaffold.Project.Path, "mine");

        Assert.AreEqual("GOI4003", Assert.ThrowsExactly<GoImageException>(scaffold.Write).Diagnostic.Code);
        Assert.AreEqual("mine", File.ReadAllText(scaffold.Project.Path));
    }

    [TestMethod]
    public void Plan_RefusesAFolderWithoutGoMod()
    {
        using var temp = new TempFolder();
        temp.Write("main.go", "package main\n");

        Assert.AreEqual("GOI4001", Assert.ThrowsExactly<GoImageException>(() => ProjectScaffold.Plan(temp.Path, Defaults)).Diagnostic.Code);
    }

    [TestMethod]
    public void Write_WritesThePlannedFiles()
    {
        using var temp = new TempFolder();
        temp.Write("global.json", """{ "sdk": { "version": "10.0.100" } }""");
        var module = Module(temp, "app", "example.com/hello");

        var scaffold = ProjectScaffold.Plan(module, Defaults);
        scaffold.Write();

        Assert.AreEqual(scaffold.Project.Content, File.ReadAllText(Path.Combine(module, "hello.goproj")));
        Assert.AreEqual("1.2.3", GlobalJsonFile.PinnedVersion("global.json", File.ReadAllText(temp.PathOf("global.json"))));
    }

    private static void NewAndWrite(string module, ScaffoldOptions options) => ProjectScaffold.Plan(module, options).Write();

    private static string Module(TempFolder temp, string folder, string modulePath, string mainFolder = ".")
    {
        temp.Write($"{folder}/go.mod", $"module {modulePath}\n\ngo 1.22\n");
        temp.Write($"{folder}/{mainFolder}/main.go", "package main\n\nfunc main() {}\n");
        return temp.PathOf(folder);
    }

    private static void SkipIfAGlobalJsonIsAbove(string folder)
    {
        if (GlobalJsonFile.FindNearest(folder) is { } found)
        {
            Assert.Inconclusive($"{found} governs the temp folder on this machine.");
        }
    }
}
