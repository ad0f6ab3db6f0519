namespace GoImage.Sdk.IntegrationTests;

/// <summary>Both samples build with `dotnet build` into static linux/amd64 and linux/arm64 binaries that run.</summary>
[TestClass]
public sealed class SampleBuildTests
{
    private static GoProject _hello = null!;
    private static GoProject _vendored = null!;
    private static CommandResult _helloBuild = null!;
    private static CommandResult _vendoredBuild = null!;

    [ClassInitialize]
    public static void BuildSamples(TestContext context)
    {
        _hello = GoProject.FromSample("hello");
        _helloBuild = _hello.Build();
        _vendored = GoProject.FromSample("vendored");
        _vendoredBuild = _vendored.Build();
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _hello.Dispose();
        _vendored.Dispose();
    }

    [TestMethod]
    public void Hello_BuildSucceeds() => Assert.IsTrue(_helloBuild.Succeeded, _helloBuild.ToString());

    [TestMethod]
    public void Vendored_BuildSucceeds() => Assert.IsTrue(_vendoredBuild.Succeeded, _vendoredBuild.ToString());

    [TestMethod]
    [DataRow("hello", "linux_amd64", ElfFile.X86_64)]
    [DataRow("hello", "linux_arm64", ElfFile.AArch64)]
    [DataRow("vendored", "linux_amd64", ElfFile.X86_64)]
    [DataRow("vendored", "linux_arm64", ElfFile.AArch64)]
    public void Binaries_AreStaticElfForTheirPlatform(string sample, string platform, int machine)
    {
        var elf = ElfFile.Read(Project(sample).Binary(platform));

        Assert.AreEqual((ushort)machine, elf.Machine);
        Assert.IsFalse(elf.HasInterpreter, "a static binary requests no dynamic loader (PT_INTERP)");
    }

    [TestMethod]
    [DataRow("hello", "1.4.2")]
    [DataRow("vendored", "2.0.1")]
    public void Amd64Binary_RunsAndPrintsTheStampedVersion(string sample, string version)
    {
        var run = Command.Run(Project(sample).Binary("linux_amd64"), ["-version"], Path.GetTempPath());

        Assert.AreEqual(version, run.Output.Trim(), run.ToString());
    }

    [TestMethod]
    [DataRow("hello", "1.4.2")]
    [DataRow("vendored", "2.0.1")]
    public void Arm64Binary_RunsUnderQemu(string sample, string version)
    {
        var run = Command.Run("qemu-aarch64-static", [Project(sample).Binary("linux_arm64"), "-version"], Path.GetTempPath());

        Assert.AreEqual(version, run.Output.Trim(), run.ToString());
    }

    [TestMethod]
    public void VendoredBinary_UsesTheVendoredDependency()
    {
        var run = Command.Run(_vendored.Binary("linux_amd64"), [], Path.GetTempPath());

        StringAssert.Contains(run.Output, "share memory by communicating");
    }

    [TestMethod]
    [DataRow("hello", "linux_amd64", "GOARCH=amd64")]
    [DataRow("hello", "linux_arm64", "GOARCH=arm64")]
    [DataRow("vendored", "linux_amd64", "GOARCH=amd64")]
    public void BuildInfo_ShowsTrimpathAndNoCgo(string sample, string platform, string arch)
    {
        var info = Command.Run(Path.Combine(Repository.GoRoot, "bin", "go"), ["version", "-m", Project(sample).Binary(platform)], Path.GetTempPath());

        StringAssert.Contains(info.Output, "-trimpath=true", info.ToString());
        StringAssert.Contains(info.Output, "CGO_ENABLED=0", info.ToString());
        StringAssert.Contains(info.Output, arch, info.ToString());
    }

    [TestMethod]
    public void VendoredBuildInfo_ListsTheVendoredModule()
    {
        var info = Command.Run(Path.Combine(Repository.GoRoot, "bin", "go"), ["version", "-m", _vendored.Binary("linux_amd64")], Path.GetTempPath());

        StringAssert.Contains(info.Output, "example.com/quote\tv1.2.0", info.ToString());
    }

    [TestMethod]
    public void Publish_CopiesEachPlatformBinary()
    {
        var publish = _hello.Dotnet("publish", "-o", Path.Combine(_hello.Root, "out"));

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        CollectionAssert.AreEqual(File.ReadAllBytes(_hello.Binary("linux_arm64")), File.ReadAllBytes(Path.Combine(_hello.Root, "out", "linux_arm64", "hello")));
    }

    private static GoProject Project(string sample) => sample == "hello" ? _hello : _vendored;
}
