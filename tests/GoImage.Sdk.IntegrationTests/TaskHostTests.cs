namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// The path Visual Studio takes (MSBuild on .NET Framework runs the tasks in the .NET task host),
/// forced here with GoImageUseTaskHost: the tasks really run out of process, and the image is the
/// same, digest for digest, as the in-process build's.
/// </summary>
[TestClass]
public sealed class TaskHostTests
{
    [TestMethod]
    public void PublishInTheTaskHost_RunsTheTasksOutOfProcess_AndGivesTheInProcessDigest()
    {
        // Arrange
        using var inProcess = GoProject.FromSample("hello");
        using var taskHost = GoProject.FromSample("hello");

        // Act
        var expected = inProcess.Publish();
        var actual = taskHost.Publish("-p:GoImageUseTaskHost=true", "-v:diag");

        // Assert
        Peers.Expect(expected);
        Peers.Expect(actual);
        foreach (var task in new[] { "GoResolveToolchain", "GoBuild", "ImageLayer", "ImageLayout" })
        {
            StringAssert.Contains(actual.Output, $"Task \"{task}\" ran in TaskHost process", $"{task} should run in the .NET task host");
        }

        var digest = new OciLayout(inProcess.LayoutPath).ImageIndexDigest;
        Assert.AreEqual(digest, new OciLayout(taskHost.LayoutPath).ImageIndexDigest);
        StringAssert.Contains(actual.Output, $"hello@{digest}");
    }

    [TestMethod]
    public void DesignTimeBuild_InTheTaskHost_RunsNoGo_AndDeclaresTheCapability()
    {
        // Arrange
        using var project = GoProject.FromSample("hello");

        // Act
        var result = project.Build("-p:GoImageUseTaskHost=true", "-p:DesignTimeBuild=true", "-t:_GoCollectUpToDateCheckItems", "-getItem:ProjectCapability", "-getItem:UpToDateCheckBuilt");

        // Assert
        Peers.Expect(result);
        Assert.IsFalse(File.Exists(project.Binary("linux_amd64")), "a design-time build must not run go build");
        StringAssert.Contains(result.Output, "\"Identity\": \"GoImage\"");
        StringAssert.Contains(result.Output, "linux_amd64/hello", "the fast up-to-date check knows the binaries");
    }
}
