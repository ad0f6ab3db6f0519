using GoImage.Diagnostics;
using GoImage.Tool.Building;
using GoImage.Tool.Commands;
using GoImage.Tool.Output;

namespace GoImage.Tool.Tests.Building;

[TestClass]
public sealed class BuildRequestTests
{
    [TestMethod]
    public void Publish_RunsPublishWithTheImageInRelease()
    {
        var request = BuildCommand.CreateRequest("/p/app.goproj", publish: true, null, [], null, null, Verbosity.Minimal);

        CollectionAssert.AreEqual(new[] { "Publish" }, request.Targets.ToArray());
        Assert.AreEqual("true", request.Properties["PublishImage"]);
        Assert.AreEqual("Release", request.Properties["Configuration"]);
    }

    [TestMethod]
    public void Build_LeavesTheConfigurationToTheProject()
    {
        var request = BuildCommand.CreateRequest("/p/app.goproj", publish: false, null, [], null, null, Verbosity.Minimal);

        CollectionAssert.AreEqual(new[] { "Build" }, request.Targets.ToArray());
        Assert.IsFalse(request.Properties.ContainsKey("Configuration"));
        Assert.IsFalse(request.Properties.ContainsKey("PublishImage"));
    }

    [TestMethod]
    public void Options_SetTheirPropertiesAndWinOverDashP()
    {
        var request = BuildCommand.CreateRequest("/p/app.goproj", publish: true, "Debug",
            [PropertyAssignment.Parse("Configuration=Other"), PropertyAssignment.Parse("ContainerRegistry=a.example.com")],
            "b.example.com", "/out/app.tar", Verbosity.Minimal);

        Assert.AreEqual("Debug", request.Properties["Configuration"]);
        Assert.AreEqual("b.example.com", request.Properties["ContainerRegistry"]);
        Assert.AreEqual("/out/app.tar", request.Properties["ContainerArchiveOutputPath"]);
    }

    [TestMethod]
    public void Archive_IsResolvedAgainstTheCurrentFolderAndKeepsAFolderSlash()
    {
        var request = BuildCommand.CreateRequest("/p/app.goproj", publish: true, null, [], null, "out/", Verbosity.Minimal);

        Assert.AreEqual(Path.Combine(Environment.CurrentDirectory, "out") + "/", request.Properties["ContainerArchiveOutputPath"]);
    }

    [TestMethod]
    public void PropertyAssignment_KeepsEqualsSignsInTheValue() =>
        Assert.AreEqual(new PropertyAssignment("GoLdFlags", "-X a=b"), PropertyAssignment.Parse("GoLdFlags=-X a=b"));

    [TestMethod]
    [DataRow("Version")]
    [DataRow("=1.2.3")]
    [DataRow("a b=1")]
    public void PropertyAssignment_RefusesTextWithoutAName(string text) =>
        Assert.AreEqual("GOI4013", Assert.ThrowsExactly<CommandLineException>(() => PropertyAssignment.Parse(text)).Diagnostic.Code);
}
