using System.Text.RegularExpressions;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// samples/cgo with real C compilers (gcc, aarch64-linux-gnu-gcc): static binaries for both platforms
/// (readelf, an independent tool, shows no interpreter), amd64 runs, arm64 under qemu, the image under
/// podman; GoBuildMode=pie without cgo gives static-pie; a .c edit rebuilds; bad input is coded.
/// One publish per project, shared by the asserts.
/// </summary>
[TestClass]
public sealed class CgoTests
{
    private static GoProject _sample = null!;
    private static CommandResult _publish = null!;
    private static string _archive = "";
    private static GoProject _pie = null!;
    private static CommandResult _piePublish = null!;
    private static string _pieArchive = "";

    [ClassInitialize]
    public static void PublishSamples(TestContext context)
    {
        _sample = GoProject.FromSample("cgo");
        _archive = _sample.PathOf("out/cgo.tar");
        _publish = _sample.Publish($"-p:ContainerArchiveOutputPath={_archive}");

        _pie = GoProject.FromSample("hello");
        _pieArchive = _pie.PathOf("out/pie.tar");
        // pie compiles the standard library again as position-independent code: on a cold cache, longer than Publish allows.
        _piePublish = Command.Run("dotnet",
            ["publish", _pie.ProjectFile, "-nodeReuse:false", "-nologo", "-v:n", "-p:PublishImage=true", "-p:GoTargetPlatforms=linux/amd64", "-p:GoBuildMode=pie", $"-p:ContainerArchiveOutputPath={_pieArchive}"],
            _pie.Directory, _pie.Environment, TimeSpan.FromMinutes(15));
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _sample.Dispose();
        _pie.Dispose();
    }

    [TestMethod]
    public void Sample_Publishes() => Assert.IsTrue(_publish.Succeeded, _publish.ToString());

    [TestMethod]
    [DataRow("linux_amd64", "Advanced Micro Devices X86-64")]
    [DataRow("linux_arm64", "AArch64")]
    public void SampleBinaries_AreStatic_ByReadelf(string platform, string machine)
    {
        var binary = _sample.ReleaseBinary(platform);

        var header = Peers.Run("readelf", ["-h", "-l", "-W", binary]);

        Peers.Expect(header);
        StringAssert.Contains(header.Output, machine);
        StringAssert.Contains(header.Output, "EXEC (Executable file)");
        Assert.IsFalse(header.Output.Contains("INTERP", StringComparison.Ordinal), "a static binary requests no loader:\n" + header.Output);
    }

    [TestMethod]
    public void SampleAmd64_CallsItsCFunction()
    {
        var run = Command.Run(_sample.ReleaseBinary("linux_amd64"), [], Path.GetTempPath());

        Assert.AreEqual("adler32(\"Wikipedia\") = 11e60398 on linux/amd64", run.Output.Trim(), run.ToString());
    }

    [TestMethod]
    public void SampleArm64_CallsItsCFunctionUnderQemu()
    {
        var run = Command.Run("qemu-aarch64-static", [_sample.ReleaseBinary("linux_arm64")], Path.GetTempPath());

        Assert.AreEqual("adler32(\"Wikipedia\") = 11e60398 on linux/arm64", run.Output.Trim(), run.ToString());
    }

    [TestMethod]
    public void SampleImage_RunsUnderPodman()
    {
        using var podman = new Podman(_sample.Root);
        var image = Load(podman, _archive);

        var run = podman.RunContainer(image, "podman");

        Peers.Expect(run);
        StringAssert.Contains(run.Output, "on linux/amd64");
    }

    [TestMethod]
    public void Pie_WithoutCgo_IsStaticPie_AndItsImageStarts()
    {
        Assert.IsTrue(_piePublish.Succeeded, _piePublish.ToString());
        var header = Peers.Run("readelf", ["-h", "-l", "-W", _pie.ReleaseBinary("linux_amd64")]);
        Peers.Expect(header);
        StringAssert.Contains(header.Output, "DYN (Position-Independent Executable file)");
        Assert.IsFalse(header.Output.Contains("INTERP", StringComparison.Ordinal), $"static-pie requests no loader:\n{header.Output}");

        using var podman = new Podman(_pie.Root);
        var version = podman.RunContainer(Load(podman, _pieArchive), "-version");
        Peers.Expect(version);
        Assert.AreEqual("1.4.2", version.Output.Trim());
    }

    [TestMethod]
    public void EditingTheCFile_Rebuilds_AndAnUntouchedTreeDoesNot()
    {
        using var project = GoProject.FromSample("cgo");
        var first = project.Build("-p:GoTargetPlatforms=linux/amd64");
        Assert.IsTrue(first.Succeeded, first.ToString());

        var again = project.Build("-p:GoTargetPlatforms=linux/amd64");
        StringAssert.Contains(again.Output, "Skipping target \"_GoCompile\"", again.ToString());

        File.WriteAllText(project.PathOf("checksum.c"), File.ReadAllText(project.PathOf("checksum.c")).Replace("% 65521", "% 65519", StringComparison.Ordinal));
        var edited = project.Build("-p:GoTargetPlatforms=linux/amd64");
        Assert.IsTrue(edited.Succeeded, edited.ToString());
        Assert.IsFalse(edited.Output.Contains("Skipping target \"_GoCompile\"", StringComparison.Ordinal), edited.ToString());
        var run = Command.Run(project.Binary("linux_amd64"), [], Path.GetTempPath());
        Assert.IsFalse(run.Output.Contains("11e60398", StringComparison.Ordinal), "the binary holds the edited C code: " + run);
    }

    [TestMethod]
    public void NoCompilerForAPlatform_IsGOI1062_NamingThePackage_BeforeAnyCompile()
    {
        using var project = GoProject.FromSample("cgo");

        var build = project.Build("-p:GoTargetPlatforms=linux/amd64%3Blinux/riscv64");

        Assert.IsFalse(build.Succeeded, build.ToString());
        StringAssert.Contains(build.Output, "error GOI1062", build.ToString());
        StringAssert.Contains(build.Output, "linux/riscv64");
        StringAssert.Contains(build.Output, "gcc-riscv64-linux-gnu");
        Assert.IsFalse(File.Exists(project.Binary("linux_amd64")), "no platform is built when one lacks its compiler");
    }

    [TestMethod]
    public void CCompileError_IsGOI1064_AtTheCFilesLineAndColumn()
    {
        using var project = GoProject.FromSample("cgo");
        File.WriteAllText(project.PathOf("checksum.c"), File.ReadAllText(project.PathOf("checksum.c")).Replace("return (b << 16) | a;", "return (b << 16) | a", StringComparison.Ordinal));

        var build = project.Build("-p:GoTargetPlatforms=linux/arm64");

        Assert.IsFalse(build.Succeeded, build.ToString());
        StringAssert.Matches(build.Output, new Regex(Regex.Escape(project.PathOf("checksum.c")) + @"\(1[0-2],\d+\): error GOI1064: .*linux/arm64"), build.ToString());
    }

    [TestMethod]
    public void MissingLibrary_IsGOI1066_NamingTheDevPackage()
    {
        using var project = GoProject.FromSample("cgo");

        var build = project.Build("-p:GoTargetPlatforms=linux/arm64", "-p:GoExtLdFlags=-lgoimagemissing");

        Assert.IsFalse(build.Succeeded, build.ToString());
        StringAssert.Contains(build.Output, "error GOI1066", build.ToString());
        StringAssert.Contains(build.Output, "libgoimagemissing-dev:arm64");
    }

    [TestMethod]
    [DataRow("-p:GoCgoLinkMode=shared", "GOI1060")]
    [DataRow("-p:GoBuildMode=c-archive", "GOI1061")]
    public void UnknownMode_IsCoded(string property, string code)
    {
        using var project = GoProject.FromSample("cgo");

        var build = project.Build(property);

        Assert.IsFalse(build.Succeeded, build.ToString());
        StringAssert.Contains(build.Output, "error " + code, build.ToString());
    }

    // podman load prints the name it gave the archive's image.
    private static string Load(Podman podman, string archive)
    {
        var load = podman.Run("load", "-i", archive);
        Peers.Expect(load);
        return Regex.Match(load.Output, @"Loaded image(?:\(s\))?: (\S+)").Groups[1].Value;
    }
}
