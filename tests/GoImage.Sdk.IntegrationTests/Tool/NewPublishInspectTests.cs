using System.Text.Json;

namespace GoImage.Sdk.IntegrationTests.Tool;

/// <summary>The acceptance path end to end: new, publish, and inspect agreeing with the build about the image.</summary>
[TestClass]
public sealed class NewPublishInspectTests
{
    [TestMethod]
    public void InspectJson_OfThePublishedLayout_AgreesWithTheBuildsDigest()
    {
        using var project = GoProject.FromSample("hello");
        File.Delete(project.ProjectFile);
        Assert.AreEqual(0, InstalledTool.Run(project, "new").ExitCode);
        var published = InstalledTool.Run(project, "publish");
        Assert.AreEqual(0, published.ExitCode, published.ToString());
        // The summary's digest is GeneratedContainerDigest, read from the project after the build.
        var digest = ToolSummary.Digest(published);

        var inspected = InstalledTool.Run(project, "inspect", project.LayoutPath, "--json");

        Assert.AreEqual(0, inspected.ExitCode, inspected.ToString());
        using var json = JsonDocument.Parse(inspected.Output);
        Assert.AreEqual(digest, json.RootElement.GetProperty("digest").GetString(), inspected.ToString());
    }
}
