namespace GoImage.Sdk.IntegrationTests.Tool;

/// <summary>The path a new user takes: <c>goimage new</c> beside an existing go.mod, then <c>goimage publish</c>.</summary>
[TestClass]
public sealed class NewPublishTests
{
    [TestMethod]
    public void New_ThenPublish_WritesTheImageWhoseDigestTheSummaryShows()
    {
        using var project = GoProject.FromSample("hello");
        File.Delete(project.ProjectFile);
        // No global.json: new must pin the SDK in the project itself. The NuGet.config above already lists the feed.
        File.Delete(Path.Combine(project.Root, "global.json"));

        var created = InstalledTool.Run(project, "new", "--source", SdkFeed.FeedDirectory);

        Assert.AreEqual(0, created.ExitCode, created.ToString());
        StringAssert.Contains(created.Output, "Wrote " + project.ProjectFile, created.ToString());
        StringAssert.Contains(File.ReadAllText(project.ProjectFile), $"<Project Sdk=\"GoImage.Sdk/{Repository.SdkVersion}\">");
        Assert.IsFalse(File.Exists(project.PathOf("NuGet.config")), "the feed is already listed above: " + created);
        Assert.IsFalse(File.Exists(project.PathOf("global.json")), created.ToString());
        Assert.IsFalse(File.Exists(Path.Combine(project.Root, "global.json")), created.ToString());

        var published = InstalledTool.Run(project, "publish");

        Assert.AreEqual(0, published.ExitCode, published.ToString());
        StringAssert.Contains(published.Output, "GoBuild: linux/", published.ToString());
        Assert.AreEqual(new OciLayout(project.LayoutPath).ImageIndexDigest, ToolSummary.Digest(published), published.ToString());
        StringAssert.Contains(published.Output, "Layout:     " + project.LayoutPath, published.ToString());
        Assert.IsFalse(published.Output.Contains('\u001b', StringComparison.Ordinal), "redirected output has no escape codes:\n" + published);
    }

    [TestMethod]
    public void New_RefusesToOverwriteAnExistingProject()
    {
        using var project = GoProject.FromSample("hello");
        var before = File.ReadAllText(project.ProjectFile);
        var files = Directory.GetFiles(project.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

        var result = InstalledTool.Run(project, "new", "--source", "https://example.com/feed/index.json");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, $"error GOI4003: '{project.ProjectFile}' already exists", result.ToString());
        Assert.AreEqual(before, File.ReadAllText(project.ProjectFile));
        CollectionAssert.AreEqual(files, Directory.GetFiles(project.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray());
    }
}
