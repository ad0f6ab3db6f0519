using System.Text.RegularExpressions;

namespace GoImage.Sdk.IntegrationTests.Tool;

/// <summary><c>goimage build</c> of broken Go: exit code 1 and Go's error where an editor can jump to it.</summary>
[TestClass]
public sealed class ToolBuildErrorTests
{
    [TestMethod]
    public void Build_OfAGoCompileError_ExitsWithOneAndShowsTheErrorAtFileLineColumn()
    {
        using var project = GoProject.FromFiles(new Dictionary<string, string>
        {
            ["go.mod"] = "module example.com/app\n\ngo 1.22\n",
            ["main.go"] = "package main\n\nfunc main() {\n\tundefinedThing()\n}\n",
            ["app.goproj"] = "<Project Sdk=\"GoImage.Sdk\">\n  <PropertyGroup>\n    <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>\n  </PropertyGroup>\n</Project>\n",
        });

        var result = InstalledTool.Run(project, "build");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Matches(result.Output, new Regex(Regex.Escape(project.PathOf("main.go")) + @"\(4,2\): error GOI1010: undefined: undefinedThing"), result.ToString());
        StringAssert.Contains(result.Output, "Build failed", result.ToString());
    }
}
