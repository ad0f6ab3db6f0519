namespace GoImage.Sdk.IntegrationTests.Tool;

/// <summary><c>goimage verify</c>: two isolated publishes of the same project, compared blob by blob.</summary>
[TestClass]
public sealed class VerifyToolTests
{
    [TestMethod]
    public void Hello_IsReproducible()
    {
        using var hello = GoProject.FromSample("hello");

        var run = InstalledTool.Run(hello, "verify");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "Reproducible: both builds of hello.goproj produced sha256:");
    }

    [TestMethod]
    public void ProjectThatEmbedsTheBuildTime_FailsNamingTheFile()
    {
        using var project = GoProject.FromFiles(new Dictionary<string, string>
        {
            ["go.mod"] = "module example.com/app\n\ngo 1.21\n",
            ["main.go"] = "package main\n\nfunc main() {}\n",
            ["app.goproj"] = """
                <Project Sdk="GoImage.Sdk">
                  <PropertyGroup>
                    <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
                    <ContainerRepository>test/buildtime</ContainerRepository>
                  </PropertyGroup>
                  <!-- Not reproducible on purpose: the build time lands in the image. -->
                  <Target Name="WriteBuildTime" BeforeTargets="ImageLayer">
                    <WriteLinesToFile File="$(IntermediateOutputPath)buildtime.txt" Lines="$([System.DateTime]::UtcNow.Ticks)" Overwrite="true" />
                    <ItemGroup>
                      <ContainerFile Include="$(IntermediateOutputPath)buildtime.txt" TargetPath="/etc/buildtime.txt" />
                    </ItemGroup>
                  </Target>
                </Project>
                """,
        });

        var run = InstalledTool.Run(project, "verify");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "First differing blob: the linux/amd64 config");
        StringAssert.Contains(run.Output, "first differing file: etc/buildtime.txt");
        StringAssert.Contains(run.Output, "content: sha256:");
    }

    [TestMethod]
    public void ReusingTheGoCache_StillCatchesABuildTimeLinkedIntoTheBinary()
    {
        // The second build compiles nothing (the first build's GOCACHE is warm) but links again: -X main.built differs.
        using var project = GoProject.FromFiles(new Dictionary<string, string>
        {
            ["go.mod"] = "module example.com/app\n\ngo 1.21\n",
            ["main.go"] = "package main\n\nvar built string\n\nfunc main() { println(built) }\n",
            ["app.goproj"] = """
                <Project Sdk="GoImage.Sdk">
                  <PropertyGroup>
                    <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
                    <ContainerRepository>test/linktime</ContainerRepository>
                  </PropertyGroup>
                  <ItemGroup>
                    <!-- Not reproducible on purpose: the build time is linked into the binary. -->
                    <GoLinkerVariable Include="main.built" Value="$([System.DateTime]::UtcNow.Ticks)" />
                  </ItemGroup>
                </Project>
                """,
        });

        var run = InstalledTool.Run(project, "verify", "--reuse-go-cache");

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "build 1's warm GOCACHE");
        StringAssert.Contains(run.Output, "first differing file: app/app");
    }

    [TestMethod]
    [DataRow("verify", "--no-such-option")]
    [DataRow("verify", "--verbosity", "loud")]
    [DataRow("build", "--no-such-option")]
    [DataRow("push")]
    public void ACommandLineThatDoesNotParse_Exits2_NotTheVerdictsCode1(params string[] arguments)
    {
        using var hello = GoProject.FromSample("hello");

        var run = InstalledTool.Run(hello, arguments);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
    }
}
