namespace GoImage.Sdk.IntegrationTests;

/// <summary>What reaches -X and the tags: a version written as a git tag, and a stamp the program cannot take.</summary>
[TestClass]
public sealed class VersionStampTests
{
    private const string MainGo = """
        package main

        import "fmt"

        var version = "dev"

        func main() { fmt.Println(version) }
        """;

    private static GoProject NewProject(string versionVariable) => GoProject.FromFiles(new Dictionary<string, string>
    {
        ["go.mod"] = "module example.com/app\n\ngo 1.21\n",
        ["main.go"] = MainGo,
        ["app.goproj"] = $"""
            <Project Sdk="GoImage.Sdk">
              <PropertyGroup>
                <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
                <GoVersionVariable>{versionVariable}</GoVersionVariable>
                <ContainerGenerateSemVerTags>true</ContainerGenerateSemVerTags>
              </PropertyGroup>
            </Project>
            """,
    });

    [TestMethod]
    public void VersionWithLeadingV_IsStampedAndTaggedAsWritten_AndRestoreSucceeds()
    {
        using var project = NewProject("main.version");

        // Act: as CI passes `git describe` output; restore used to fail with MSB4181.
        var publish = project.Publish("-p:Version=v3.0.0-rc.3");

        // Assert
        Assert.IsTrue(publish.Succeeded, publish.ToString());
        Assert.IsFalse(publish.Output.Contains("MSB4181", StringComparison.Ordinal), publish.ToString());
        Assert.IsFalse(publish.Output.Contains("GOI1030", StringComparison.Ordinal), "main.version exists: " + publish);
        var run = Command.Run(project.ReleaseBinary("linux_amd64"), [], project.Directory);
        Assert.AreEqual("v3.0.0-rc.3", run.Output.Trim());
        var layout = new OciLayout(project.LayoutPath);
        CollectionAssert.AreEqual(new[] { "v3.0.0-rc.3" }, layout.Tags.ToArray());
        Assert.AreEqual("v3.0.0-rc.3", layout.Config("amd64").GetProperty("config").GetProperty("Labels")
            .GetProperty("org.opencontainers.image.version").GetString());
    }

    [TestMethod]
    public void VersionVariableTheProgramLacks_IsAWarningNamingIt()
    {
        using var project = NewProject("main.buildVersion");

        // Act
        var build = project.Build("-p:Version=4.5.6");

        // Assert: the build succeeds (the linker ignored -X), but says so.
        Assert.IsTrue(build.Succeeded, build.ToString());
        StringAssert.Contains(build.Output, "warning GOI1030", build.ToString());
        StringAssert.Contains(build.Output, "GoVersionVariable names main.buildVersion", build.ToString());
        var run = Command.Run(project.Binary("linux_amd64"), [], project.Directory);
        Assert.AreEqual("dev", run.Output.Trim(), "nothing was stamped");
    }
}
