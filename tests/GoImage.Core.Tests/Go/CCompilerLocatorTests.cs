using GoImage.Diagnostics;
using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class CCompilerLocatorTests
{
    private static readonly GoPlatform Amd64 = new("linux", "amd64", null);
    private static readonly GoPlatform Arm64 = new("linux", "arm64", null);

    // Real files in a folder of their own stand in for PATH: the search only looks, never runs.
    private static string Program(TempDirectory bin, string name)
    {
        bin.Write(name, "#!/bin/sh\n");
        return System.IO.Path.Combine(bin.Path, name);
    }

    [TestMethod]
    public void Locate_PrefersTheItemForThePlatform()
    {
        // Arrange
        using var bin = new TempDirectory();
        Program(bin, "aarch64-linux-gnu-gcc");
        var mine = Program(bin, "my-cc");

        // Act
        var compiler = CCompilerLocator.Locate(Arm64, [new(Arm64, mine + " -O1", false)], Amd64, bin.Path, staticLink: true);

        // Assert
        CollectionAssert.AreEqual(new[] { mine, "-O1" }, compiler.CCommand.ToArray());
    }

    [TestMethod]
    public void Locate_TakesGccForTheHostAndTheTripletForAnotherPlatform()
    {
        // Arrange
        using var bin = new TempDirectory();
        var gcc = Program(bin, "gcc");
        var cross = Program(bin, "aarch64-linux-gnu-gcc");

        // Act + Assert
        Assert.AreEqual(gcc, CCompilerLocator.Locate(Amd64, [], Amd64, bin.Path, staticLink: true).Executable);
        Assert.AreEqual(cross, CCompilerLocator.Locate(Arm64, [], Amd64, bin.Path, staticLink: true).Executable);
    }

    [TestMethod]
    public void Locate_FallsBackToZigWithMuslForStaticLinks()
    {
        // Arrange
        using var bin = new TempDirectory();
        var zig = Program(bin, "zig");

        // Act
        var compiler = CCompilerLocator.Locate(Arm64, [], Amd64, bin.Path, staticLink: true);

        // Assert
        CollectionAssert.AreEqual(new[] { zig, "cc", "-target", "aarch64-linux-musl" }, compiler.CCommand.ToArray());
    }

    [TestMethod]
    public void Locate_WithoutCompiler_NamesThePlatformAndTheDebianPackages()
    {
        // Arrange
        using var bin = new TempDirectory();

        // Act
        var e = Assert.ThrowsExactly<GoImageException>(() => CCompilerLocator.Locate(new("linux", "riscv64", null), [], Amd64, bin.Path, staticLink: true));

        // Assert
        Assert.AreEqual("GOI1062", e.Diagnostic.Code);
        StringAssert.Contains(e.Diagnostic.Message, "linux/riscv64");
        StringAssert.Contains(e.Diagnostic.Message, "gcc-riscv64-linux-gnu");
        StringAssert.Contains(e.Diagnostic.Message, "libc6-dev-riscv64-cross");
    }

    [TestMethod]
    public void Locate_AnItemNamingNoProgram_IsACodedError()
    {
        // Arrange
        using var bin = new TempDirectory();

        // Act
        var e = Assert.ThrowsExactly<GoImageException>(() => CCompilerLocator.Locate(Arm64, [new(Arm64, "/nowhere/cc", false)], Amd64, bin.Path, staticLink: true));

        // Assert
        Assert.AreEqual("GOI1063", e.Diagnostic.Code);
    }
}
