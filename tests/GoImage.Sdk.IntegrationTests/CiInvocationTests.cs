using System.Text.Json;
using GoImage.Testing;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// What CI scripts do: lists passed on the command line with MSBuild's escaped ';' (%3B), and paths read
/// back with -getProperty, which must be absolute and '/'-separated from the first clean build on.
/// </summary>
[TestClass]
public sealed class CiInvocationTests
{
    [TestMethod]
    public void EscapedSemicolonLists_BuildEveryPlatform_AndTagEveryTag()
    {
        using var project = GoProject.FromSample("hello");

        var publish = project.Publish(
            "-p:GoTargetPlatforms=linux/amd64%3Blinux/arm64",
            "-p:ContainerImageTags=one%3Btwo",
            "-p:ContainerGenerateSemVerTags=false");

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        Assert.IsTrue(File.Exists(project.ReleaseBinary("linux_amd64")));
        Assert.IsTrue(File.Exists(project.ReleaseBinary("linux_arm64")));
        var layout = new OciLayout(project.LayoutPath);
        CollectionAssert.AreEquivalent(new[] { "one", "two" }, layout.Tags.ToArray());
        CollectionAssert.AreEquivalent(new[] { "amd64", "arm64" }, layout.ImageIndex.GetProperty("manifests").EnumerateArray()
            .Select(m => m.GetProperty("platform").GetProperty("architecture").GetString()).ToArray());
    }

    [TestMethod]
    public void EscapedSemicolonLocalRegistryArguments_ReachTheEngineAsSeparateArguments()
    {
        using var project = GoProject.FromSample("hello");
        using var podman = new Podman(SdkFeed.WorkDirectory);

        var publish = project.Publish(
            "-p:GoTargetPlatforms=linux/amd64",
            "-p:LocalRegistry=podman",
            "-p:LocalRegistryArguments=" + string.Join("%3B", podman.GlobalOptions));

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        var images = podman.Run("images", "--format", "{{.Repository}}:{{.Tag}}");
        StringAssert.Contains(images.Output, "goimage/hello:1.4.2", images.ToString());
    }

    [TestMethod]
    public void PathProperties_OnAFirstCleanPublish_AreAbsoluteWithForwardSlashes()
    {
        using var project = GoProject.FromSample("hello");
        var directory = project.Directory;

        // One publish of a fresh copy: the properties were evaluated before bin/ and obj/ existed.
        var publish = project.Publish("-p:GoTargetPlatforms=linux/amd64", "-p:ContainerArchiveOutputPath=out/",
            "-getProperty:ContainerImageLayoutPath", "-getProperty:GoOutputPath", "-getProperty:GoIntermediateOutputPath",
            "-getProperty:GeneratedContainerLayoutPath", "-getProperty:GeneratedArchiveOutputPath");
        var properties = GetProperties(publish);

        Assert.AreEqual($"{directory}/bin/Release/publish/image/", properties["ContainerImageLayoutPath"]);
        Assert.AreEqual($"{directory}/bin/Release/", properties["GoOutputPath"]);
        Assert.AreEqual($"{directory}/obj/Release/go/hello/", properties["GoIntermediateOutputPath"]);
        Assert.AreEqual($"{directory}/bin/Release/publish/image/", properties["GeneratedContainerLayoutPath"], publish.ToString());
        Assert.AreEqual($"{directory}/out/hello.tar", properties["GeneratedArchiveOutputPath"], publish.ToString());
        Assert.IsTrue(File.Exists(LayoutFiles.IndexPath(properties["GeneratedContainerLayoutPath"])));
        Assert.IsTrue(File.Exists(properties["GeneratedArchiveOutputPath"]));
    }

    // -getProperty with several names prints {"Properties": {…}} after any build output.
    private static Dictionary<string, string> GetProperties(CommandResult result)
    {
        Assert.IsTrue(result.Succeeded, result.ToString());
        var start = result.Output.IndexOf("{\n", StringComparison.Ordinal);
        Assert.IsTrue(start >= 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output[start..]);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }
}
