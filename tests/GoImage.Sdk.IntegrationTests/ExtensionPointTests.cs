namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// GoBuildDependsOn and PublishContainerDependsOn extended in the project and in Directory.Build.targets
/// keep the user's targets, and the Before/After hook targets run in their places.
/// </summary>
[TestClass]
public sealed class ExtensionPointTests
{
    [TestMethod]
    public void DependsOnAndHooks_FromTheProjectAndDirectoryBuildTargets_RunInOrder()
    {
        using var project = GoProject.FromSample("hello");
        File.WriteAllText(Path.Combine(project.Root, "Directory.Build.targets"), """
            <Project>
              <PropertyGroup>
                <GoBuildDependsOn>$(GoBuildDependsOn);DirectoryGoHook</GoBuildDependsOn>
                <PublishContainerDependsOn>$(PublishContainerDependsOn);DirectoryImageHook</PublishContainerDependsOn>
              </PropertyGroup>
              <Target Name="DirectoryGoHook"><Message Importance="high" Text="hook: DirectoryGoHook" /></Target>
              <Target Name="DirectoryImageHook"><Message Importance="high" Text="hook: DirectoryImageHook" /></Target>
              <Target Name="AfterGoBuild"><Message Importance="high" Text="hook: AfterGoBuild @(GoBinary->Count()) binaries" /></Target>
              <Target Name="AfterPublishContainer"><Message Importance="high" Text="hook: AfterPublishContainer $(GeneratedContainerDigest)" /></Target>
            </Project>
            """);
        project.AddToProject("""
              <PropertyGroup>
                <GoBuildDependsOn>$(GoBuildDependsOn);ProjectGoHook</GoBuildDependsOn>
              </PropertyGroup>
              <Target Name="ProjectGoHook"><Message Importance="high" Text="hook: ProjectGoHook" /></Target>
              <Target Name="BeforeGoBuild"><Message Importance="high" Text="hook: BeforeGoBuild" /></Target>
              <Target Name="BeforePublishContainer"><Message Importance="high" Text="hook: BeforePublishContainer @(GoBinary->Count()) binaries" /></Target>
            """);

        var publish = project.Publish("-p:GoTargetPlatforms=linux/amd64");

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        string[] order =
        [
            "hook: BeforeGoBuild",
            "GoBuild: building",
            "hook: ProjectGoHook",
            "hook: DirectoryGoHook",
            "hook: AfterGoBuild 1 binaries",
            "hook: BeforePublishContainer 1 binaries",
            "ImageLayout: goimage/hello@sha256:",
            "hook: DirectoryImageHook",
            "hook: AfterPublishContainer sha256:",
        ];
        var positions = order.Select(text => publish.Output.IndexOf(text, StringComparison.Ordinal)).ToArray();
        CollectionAssert.DoesNotContain(positions, -1, "every hook runs: " + string.Join(", ", order.Zip(positions)) + "\n" + publish);
        CollectionAssert.AreEqual(positions.Order().ToArray(), positions, "in order: " + string.Join(", ", order.Zip(positions)));
    }
}
