namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// Projects where real repositories put them: a .goproj in a command's folder under go.mod, and two
/// .goproj in one folder, each with its own intermediate folder and its own up-to-date state.
/// </summary>
[TestClass]
public sealed class RepositoryLayoutTests
{
    [TestMethod]
    public void ProjectInACommandFolder_BuildsItsOwnPackage_AndIsUpToDateAfterwards()
    {
        var root = GoProject.NewTempDirectory();
        CommandModule.Write(root);
        CommandModule.Put(root, "cmd/api/api.goproj", """
            <Project Sdk="GoImage.Sdk">
              <PropertyGroup>
                <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
                <Version>2.0.1</Version>
                <GoVersionVariable>main.version</GoVersionVariable>
              </PropertyGroup>
            </Project>
            """);
        using var project = GoProject.FromDirectory(root, Path.Combine(root, "cmd", "api", "api.goproj"));

        var build = project.Build();
        var again = project.Build();

        Assert.IsTrue(build.Succeeded, build.ToString());
        Assert.AreEqual("shared api 2.0.1", Command.Run(project.Binary("linux_amd64"), [], root).Output.Trim());
        Assert.IsFalse(Directory.Exists(Path.Combine(root, "obj")), "nothing is written in the module root, where go runs");
        Assert.IsTrue(again.Succeeded, again.ToString());
        StringAssert.Contains(again.Output, "Skipping target \"_GoCompile\"", again.ToString());
    }

    [TestMethod]
    public void TwoProjectsInOneFolder_EachKeepsItsOwnIntermediateFolderAndUpToDateState()
    {
        var root = GoProject.NewTempDirectory();
        CommandModule.Write(root);
        PutProjectsAtTheRoot(root, "");

        using var api = GoProject.FromDirectory(root, Path.Combine(root, "api.goproj"));
        using var worker = GoProject.FromDirectory(root, Path.Combine(root, "worker.goproj"));

        Assert.IsTrue(api.Build().Succeeded);
        Assert.IsTrue(worker.Build().Succeeded);
        var apiAgain = api.Build();
        var workerAgain = worker.Build();

        Assert.IsTrue(apiAgain.Succeeded, apiAgain.ToString());
        StringAssert.Contains(apiAgain.Output, "Skipping target \"_GoCompile\"", "the worker's build must not undo the api's state: " + apiAgain);
        StringAssert.Contains(workerAgain.Output, "Skipping target \"_GoCompile\"", workerAgain.ToString());
        Assert.AreEqual("shared api dev", Command.Run(api.Binary("linux_amd64"), [], root).Output.Trim());
        Assert.AreEqual("shared worker dev", Command.Run(worker.Binary("linux_amd64"), [], root).Output.Trim());
        Assert.AreEqual("../../../../api.goproj", File.ReadAllText(Path.Combine(root, "obj", "Debug", "go", "api", "owner.txt")).Trim());
        Assert.AreEqual("../../../../worker.goproj", File.ReadAllText(Path.Combine(root, "obj", "Debug", "go", "worker", "owner.txt")).Trim());
    }

    [TestMethod]
    public void TwoProjectsGivenOneIntermediateFolder_IsACodedError()
    {
        var root = GoProject.NewTempDirectory();
        CommandModule.Write(root);
        PutProjectsAtTheRoot(root, "<GoIntermediateOutputPath>obj/go-shared/</GoIntermediateOutputPath>");

        using var api = GoProject.FromDirectory(root, Path.Combine(root, "api.goproj"));
        using var worker = GoProject.FromDirectory(root, Path.Combine(root, "worker.goproj"));

        var first = api.Build();
        var second = worker.Build();

        Assert.IsTrue(first.Succeeded, first.ToString());
        Assert.IsFalse(second.Succeeded, second.ToString());
        StringAssert.Contains(second.Output, "error GOI1022:", second.ToString());
        StringAssert.Contains(second.Output, Path.Combine(root, "api.goproj"), second.ToString());
        Assert.IsFalse(second.Output.Contains("GoBuild: building", StringComparison.Ordinal), "no compile starts");
    }

    /// <summary>api.goproj and worker.goproj side by side in the module root, each naming its command's package.</summary>
    private static void PutProjectsAtTheRoot(string root, string extraProperty)
    {
        foreach (var command in new[] { "api", "worker" })
        {
            CommandModule.Put(root, $"{command}.goproj", $"""
                <Project Sdk="GoImage.Sdk">
                  <PropertyGroup>
                    <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
                    <GoPackage>cmd/{command}</GoPackage>
                    {extraProperty}
                  </PropertyGroup>
                </Project>
                """);
        }
    }
}
