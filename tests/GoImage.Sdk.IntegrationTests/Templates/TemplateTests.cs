namespace GoImage.Sdk.IntegrationTests.Templates;

/// <summary>
/// The template package as users get it: installed from the packed feed with <c>dotnet new install</c>
/// (into a private template hive, never the user's), then <c>dotnet new goimage</c> output built and
/// published without edits.
/// </summary>
[TestClass]
public sealed class TemplateTests
{
    private static string _hive = "";
    private static GoProject _service = null!;
    private static CommandResult _create = null!;
    private static CommandResult _build = null!;
    private static CommandResult _publish = null!;

    [ClassInitialize]
    public static void CreateBuildAndPublish(TestContext context)
    {
        _hive = Path.Combine(GoProject.NewTempDirectory(), "hive");
        var package = Path.Combine(SdkFeed.FeedDirectory, $"GoImage.Templates.{Repository.SdkVersion}.nupkg");
        var install = Command.Run("dotnet", ["new", "install", package, "--debug:custom-hive", _hive], SdkFeed.WorkDirectory, Environment());
        Assert.IsTrue(install.Succeeded, "dotnet new install: " + install);

        var root = GoProject.NewTempDirectory();
        // A name with a '-': Go identifiers cannot hold one, so it catches a name rewritten in one file and not another.
        _service = GoProject.FromDirectory(root, Path.Combine(root, "shop-api", "shop-api.goproj"));
        _create = New(root, "-o", Path.Combine(root, "shop-api"));
        _build = _service.Build();
        _publish = _service.Publish();
    }

    [ClassCleanup]
    public static void Cleanup() => _service.Dispose();

    [TestMethod]
    public void New_CreatesTheProjectAndAStandardLibraryService()
    {
        Assert.IsTrue(_create.Succeeded, _create.ToString());
        CollectionAssert.AreEquivalent(
            new[] { ".gitignore", "go.mod", "main.go", "shop-api.goproj" },
            Directory.EnumerateFiles(_service.Directory).Select(Path.GetFileName).ToArray());
        StringAssert.StartsWith(File.ReadAllText(_service.PathOf("go.mod")), "module shop-api\n\ngo 1.22\n");
    }

    [TestMethod]
    public void New_PinsTheProjectToThisSdkVersion() =>
        StringAssert.StartsWith(File.ReadAllText(_service.ProjectFile), $"<Project Sdk=\"GoImage.Sdk/{Repository.SdkVersion}\">");

    [TestMethod]
    public void Build_SucceedsWithoutEdits() => Assert.IsTrue(_build.Succeeded, _build.ToString());

    [TestMethod]
    public void Publish_SucceedsWithoutEdits_AndTheIndexHasBothPlatforms()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        var layout = new OciLayout(_service.LayoutPath);
        CollectionAssert.AreEquivalent(new[] { "linux/amd64", "linux/arm64" }, layout.ImageIndex.GetProperty("manifests").EnumerateArray()
            .Select(m => m.GetProperty("platform")).Select(p => $"{p.GetProperty("os").GetString()}/{p.GetProperty("architecture").GetString()}").ToArray());
    }

    [TestMethod]
    public void Publish_ConfiguresPortVersionTags_AndAHealthCheckThatRunsTheEntrypoint()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        var layout = new OciLayout(_service.LayoutPath);
        var config = layout.Config("amd64").GetProperty("config");
        CollectionAssert.AreEqual(new[] { "8080/tcp" }, config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "/app/shop-api" }, config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()).ToArray());
        CollectionAssert.AreEqual(new[] { "CMD", "/app/shop-api", "-healthcheck" },
            config.GetProperty("Healthcheck").GetProperty("Test").EnumerateArray().Select(e => e.GetString()).ToArray());
        CollectionAssert.AreEqual(new[] { "1.0.0", "1.0", "1", "latest" }, layout.Tags.ToArray());
    }

    [TestMethod]
    public void Binary_PrintsTheProjectVersion()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        var run = Command.Run(_service.ReleaseBinary("linux_amd64"), ["-version"], _service.Directory);
        Assert.IsTrue(run.Succeeded, run.ToString());
        Assert.AreEqual("1.0.0", run.Output.Trim());
    }

    [TestMethod]
    public void New_WithAName_LowercasesItForModuleAndRepository_KeepsItForTheFiles_AndTakesPlatforms()
    {
        var root = GoProject.NewTempDirectory();

        var result = New(root, "-n", "Shop.Api", "--platforms", "linux/arm64");

        Assert.IsTrue(result.Succeeded, result.ToString());
        var project = File.ReadAllText(Path.Combine(root, "Shop.Api", "Shop.Api.goproj"));
        StringAssert.Contains(project, "<ContainerRepository>shop.api</ContainerRepository>");
        StringAssert.Contains(project, "<GoTargetPlatforms>linux/arm64</GoTargetPlatforms>");
        StringAssert.StartsWith(File.ReadAllText(Path.Combine(root, "Shop.Api", "go.mod")), "module shop.api\n");
        StringAssert.Contains(File.ReadAllText(Path.Combine(root, "Shop.Api", "main.go")), "\"Shop.Api %s listening on %s\"");
    }

    // No --language: the template's only language is Go, so dotnet new needs no hint.
    private static CommandResult New(string workingDirectory, params string[] arguments) =>
        Command.Run("dotnet", ["new", "goimage", .. arguments, "--debug:custom-hive", _hive, "--no-update-check"], workingDirectory, Environment());

    private static Dictionary<string, string?> Environment() => new()
    {
        ["NUGET_PACKAGES"] = SdkFeed.PackagesDirectory,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };
}
