using GoImage.Diagnostics;
using GoImage.Go;
using GoImage.Tool.Commands;
using GoImage.Tool.Scaffolding;

namespace GoImage.Tool.Tests.Scaffolding;

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
        StringAssert.Contains(project, "<ContainerRepository>shop/api</ContainerRepository>", "the module's own project keeps the module's repository");
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

    [TestMethod]
    [DataRow(true, DisplayName = "run inside cmd/worker")]
    [DataRow(false, DisplayName = "goimage new cmd/worker at the module root")]
    public void Plan_InACommandsFolder_FindsGoModAbove_AndPutsTheProjectThereBuildingItsOwnFolder(bool inside)
    {
        using var temp = new TempFolder();
        var module = Module(temp, "shop", "example.com/acme/shop", mainFolder: "cmd/api");
        temp.Write("shop/cmd/worker/main.go", "package main\n\nfunc main() {}\n");
        var worker = temp.PathOf("shop/cmd/worker");

        var scaffold = inside
            ? ProjectScaffold.Plan(".", Defaults with { WorkingDirectory = worker })
            : ProjectScaffold.Plan("cmd/worker", Defaults with { WorkingDirectory = module });

        Assert.AreEqual(Path.Combine(worker, "worker.goproj"), scaffold.Project.Path);
        var project = scaffold.Project.Content;
        Assert.IsFalse(project.Contains("<GoPackage>", StringComparison.Ordinal), "its own folder is GoPackage's default:\n" + project);
        Assert.IsFalse(project.Contains("<GoBinaryName>", StringComparison.Ordinal), "go build names it worker too:\n" + project);
        StringAssert.Contains(project, "<ContainerRepository>acme/shop/worker</ContainerRepository>");
        Assert.IsNull(scaffold.Solution);
    }

    [TestMethod]
    public void Plan_ACommandNamedLikeTheModule_KeepsTheModulesRepository()
    {
        using var temp = new TempFolder();
        Module(temp, "skopeo", "github.com/containers/skopeo", mainFolder: "cmd/skopeo");

        var scaffold = ProjectScaffold.Plan(temp.PathOf("skopeo/cmd/skopeo"), Defaults);

        StringAssert.Contains(scaffold.Project.Content, "<ContainerRepository>containers/skopeo</ContainerRepository>");
    }

    [TestMethod]
    public void Plan_AFolderBelowTheRootThatIsNoCommand_IsRefusedWithAnExample()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "shop", "example.com/shop", mainFolder: "cmd/api");
        temp.Write("shop/internal/store/store.go", "package store\n");

        var error = Assert.ThrowsExactly<GoImageException>(() => ProjectScaffold.Plan(Path.Combine(module, "internal/store"), Defaults)).Diagnostic;

        Assert.AreEqual("GOI4017", error.Code);
        StringAssert.Contains(error.Message, "--package cmd/api");
    }

    [TestMethod]
    public void Plan_AFolderThatDoesNotExist_IsRefused()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "shop", "example.com/shop");

        Assert.AreEqual("GOI4016", Assert.ThrowsExactly<CommandLineException>(() => ProjectScaffold.Plan(Path.Combine(module, "cmd/nope"), Defaults)).Diagnostic.Code);
    }

    [TestMethod]
    public void Plan_ASecondProjectAtTheRoot_ByPackage_IsNamedAfterTheCommand()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "shop", "example.com/shop", mainFolder: "cmd/api");
        temp.Write("shop/cmd/worker/main.go", "package main\n\nfunc main() {}\n");
        temp.Write("shop/shop.goproj", "<Project Sdk=\"GoImage.Sdk\" />");

        var scaffold = ProjectScaffold.Plan(module, Defaults with { Package = "./cmd/worker" });

        Assert.AreEqual(Path.Combine(module, "worker.goproj"), scaffold.Project.Path);
        StringAssert.Contains(scaffold.Project.Content, "<GoPackage>cmd/worker</GoPackage>");
        Assert.IsFalse(scaffold.Project.Content.Contains("<GoBinaryName>", StringComparison.Ordinal), scaffold.Project.Content);
        StringAssert.Contains(scaffold.Project.Content, "<ContainerRepository>shop/worker</ContainerRepository>");
    }

    [TestMethod]
    public void Plan_ASecondProjectAtTheRoot_ByName_KeepsGoBuildsBinaryName()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "shop", "example.com/shop", mainFolder: "cmd/worker");
        temp.Write("shop/shop.goproj", "<Project Sdk=\"GoImage.Sdk\" />");

        var scaffold = ProjectScaffold.Plan(module, Defaults with { Name = "worker-svc.goproj" });

        Assert.AreEqual(Path.Combine(module, "worker-svc.goproj"), scaffold.Project.Path);
        StringAssert.Contains(scaffold.Project.Content, "<GoPackage>cmd/worker</GoPackage>");
        StringAssert.Contains(scaffold.Project.Content, "<GoBinaryName>worker</GoBinaryName>");
    }

    [TestMethod]
    public void Plan_ASecondProjectWithTheNameOfAnExistingOne_IsRefused()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "shop", "example.com/shop", mainFolder: "cmd/worker");
        temp.Write("shop/shop.goproj", "<Project Sdk=\"GoImage.Sdk\" />");
        var existing = temp.Write("shop/worker.goproj", "<Project Sdk=\"GoImage.Sdk\" />");

        var error = Assert.ThrowsExactly<GoImageException>(() => ProjectScaffold.Plan(module, Defaults with { Package = "cmd/worker" })).Diagnostic;

        Assert.AreEqual("GOI4003", error.Code);
        StringAssert.Contains(error.Message, existing);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("a b")]
    [DataRow("../worker")]
    [DataRow(".hidden")]
    public void Plan_ANameThatIsNoFileName_IsRefused(string name)
    {
        using var temp = new TempFolder();
        var module = Module(temp, "shop", "example.com/shop");

        Assert.AreEqual("GOI4018", Assert.ThrowsExactly<CommandLineException>(() => ProjectScaffold.Plan(module, Defaults with { Name = name })).Diagnostic.Code);
    }

    [TestMethod]
    public void Plan_AProjectBelowTheRoot_GetsItsFeedInTheModuleRootsNuGetConfig()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "shop", "example.com/shop", mainFolder: "cmd/worker");

        var scaffold = ProjectScaffold.Plan(Path.Combine(module, "cmd/worker"), Defaults with { Source = temp.PathOf("feed") });

        Assert.IsTrue(scaffold.Files.Any(f => f.Path == Path.Combine(module, "NuGet.config")), string.Join(", ", scaffold.Files.Select(f => f.Path)));
    }

    [TestMethod]
    public void Plan_FindsTheOnlySolutionInTheModuleRoot_FromACommandsFolder()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "shop", "example.com/shop", mainFolder: "cmd/worker");
        var solution = temp.Write("shop/shop.slnx", "<Solution />");
        var worker = Path.Combine(module, "cmd/worker");

        Assert.AreEqual(solution, ProjectScaffold.Plan(".", Defaults with { WorkingDirectory = worker }).Solution);
        Assert.IsNull(ProjectScaffold.Plan(".", Defaults with { WorkingDirectory = worker, NoSolution = true }).Solution);
    }

    [TestMethod]
    public void Plan_FindsASolutionInTheCurrentFolder_AndTakesTheOneNamed()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "shop", "example.com/shop", mainFolder: "cmd/worker");
        var above = temp.Write("all.sln", "");
        var other = temp.Write("other/x.slnx", "<Solution />");

        Assert.AreEqual(above, ProjectScaffold.Plan(Path.Combine(module, "cmd/worker"), Defaults with { WorkingDirectory = temp.Path }).Solution);
        Assert.AreEqual(other, ProjectScaffold.Plan(Path.Combine(module, "cmd/worker"), Defaults with { WorkingDirectory = temp.Path, Solution = "other/x.slnx" }).Solution);
    }

    [TestMethod]
    public void Plan_RefusesSeveralSolutions_AndAMissingOne_WritingNothing()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "shop", "example.com/shop", mainFolder: "cmd/worker");
        temp.Write("shop/shop.sln", "");
        temp.Write("shop/shop.slnx", "<Solution />");
        var options = Defaults with { WorkingDirectory = module };

        var several = Assert.ThrowsExactly<GoImageException>(() => ProjectScaffold.Plan("cmd/worker", options)).Diagnostic;
        var missing = Assert.ThrowsExactly<CommandLineException>(() => ProjectScaffold.Plan("cmd/worker", options with { Solution = "nope.sln" })).Diagnostic;
        var notASolution = Assert.ThrowsExactly<CommandLineException>(() => ProjectScaffold.Plan("cmd/worker", options with { Solution = "go.mod" })).Diagnostic;

        Assert.AreEqual("GOI4020", several.Code);
        StringAssert.Contains(several.Message, "shop.sln, ");
        Assert.AreEqual("GOI4019", missing.Code);
        Assert.AreEqual("GOI4019", notASolution.Code);
        Assert.IsFalse(File.Exists(Path.Combine(module, "cmd/worker/worker.goproj")));
    }

    [TestMethod]
    public void SolutionFile_Lists_ReadsBothFormatsPathSeparators()
    {
        using var temp = new TempFolder();
        var sln = temp.Write("a.sln", "Project(\"{9A19103F-16F7-4668-BE54-9A1E7A4F7556}\") = \"worker\", \"cmd\\worker\\worker.goproj\", \"{X}\"\n");
        var slnx = temp.Write("a.slnx", "<Solution><Project Path=\"cmd/worker/worker.goproj\" /></Solution>");
        var project = temp.PathOf("cmd/worker/worker.goproj");

        Assert.IsTrue(SolutionFile.Lists(sln, project));
        Assert.IsTrue(SolutionFile.Lists(slnx, project));
        Assert.IsFalse(SolutionFile.Lists(slnx, temp.PathOf("cmd/api/api.goproj")));
    }

    [TestMethod]
    public void Plan_WithKubernetes_AddsTheStarterManifest_ThePort_AndTheItem()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "app", "example.com/shop/api");

        var scaffold = ProjectScaffold.Plan(module, Defaults with { Kubernetes = true, Port = 9090 });

        var manifest = scaffold.Files.Single(f => f.Path == Path.Combine(module, "deploy", "api.yaml"));
        StringAssert.Contains(manifest.Content, "image: goimage://api\n");
        StringAssert.Contains(manifest.Content, "containerPort: 9090");
        StringAssert.Contains(manifest.Content, "kind: Service");
        Assert.IsFalse(manifest.Content.Contains("Probe:", StringComparison.Ordinal), "goimage new knows no health check of the program");
        StringAssert.Contains(scaffold.Project.Content, "<ContainerPort Include=\"9090\" Type=\"tcp\" />");
        StringAssert.Contains(scaffold.Project.Content, "<KubernetesManifest Include=\"deploy/*.yaml\" />");
        Assert.AreSame(scaffold.Files[^1], scaffold.Project, "the project is still written last");
    }

    [TestMethod]
    public void Plan_WithKubernetes_RefusesAnExistingManifest_WritingNothing()
    {
        using var temp = new TempFolder();
        var module = Module(temp, "app", "example.com/shop/api");
        temp.Write("app/deploy/api.yaml", "kind: Mine\n");

        var e = Assert.ThrowsExactly<GoImage.Diagnostics.GoImageException>(() => ProjectScaffold.Plan(module, Defaults with { Kubernetes = true }));

        Assert.AreEqual("GOI4003", e.Diagnostic.Code);
        Assert.IsFalse(File.Exists(Path.Combine(module, "api.goproj")));
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
