using GoImage.Diagnostics;
using GoImage.Sbom;

namespace GoImage.Core.Tests.Sbom;

[TestClass]
public sealed class GoBuildInfoReaderTests
{
    // As go version -m prints a vendored build of samples/vendored (Go 1.23), plus a replaced module and quoted settings.
    private const string Modules =
        "path\texample.com/vendored\n" +
        "mod\texample.com/vendored\t(devel)\t\n" +
        "dep\texample.com/quote\tv1.2.0\t\n" +
        "dep\tgolang.org/x/text\tv0.14.0\th1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=\n" +
        "dep\texample.com/old\tv1.0.0\t\n" +
        "=>\texample.com/fork\tv1.0.1\th1:abc=\n" +
        "build\t-buildmode=exe\n" +
        "build\t-trimpath=true\n" +
        "build\t-ldflags=\"-s -w -X main.version=2.0.1\"\n" +
        "build\t\"key with space\"=\"a\\tb\"\n" +
        "build\tCGO_ENABLED=0\n" +
        "build\tGOARCH=amd64\n" +
        "build\tGOOS=linux\n";

    [TestMethod]
    public void Parse_ReadsTheGoVersionMainModuleDependenciesReplacementsAndSettings()
    {
        // Arrange
        var binary = GoBinaryBytes.Create("go1.23.5", Modules);

        // Act
        var info = GoBuildInfoReader.Parse(binary, "app");

        // Assert
        Assert.AreEqual("go1.23.5", info.GoVersion);
        Assert.AreEqual("example.com/vendored", info.MainPackage);
        Assert.AreEqual(new GoModule("example.com/vendored", "(devel)", ""), info.MainModule);
        Assert.AreEqual(3, info.Dependencies.Count);
        Assert.AreEqual(new GoModule("example.com/quote", "v1.2.0", ""), info.Dependencies[0]);
        Assert.AreEqual("h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=", info.Dependencies[1].Sum);
        Assert.AreEqual(new GoModule("example.com/fork", "v1.0.1", "h1:abc="), info.Dependencies[2].Replacement);
        CollectionAssert.AreEqual(
            new[] { "-buildmode=exe", "-trimpath=true", "-ldflags=-s -w -X main.version=2.0.1", "key with space=a\tb", "CGO_ENABLED=0", "GOARCH=amd64", "GOOS=linux" },
            info.Settings.Select(s => $"{s.Key}={s.Value}").ToArray());
    }

    [TestMethod]
    public void Parse_SkipsAMagicThatIsNotSixteenByteAligned()
    {
        // Arrange: a stray copy of the magic (say, in a string constant) before the real header.
        var real = GoBinaryBytes.Create("go1.23.5", Modules, offset: 4096);
        var binary = real.ToArray();
        GoBinaryBytes.Magic.CopyTo(binary, 1001);

        // Act
        var info = GoBuildInfoReader.Parse(binary, "app");

        // Assert
        Assert.AreEqual("go1.23.5", info.GoVersion);
    }

    [TestMethod]
    public void Parse_ReadsModuleTextWithoutSentinels()
    {
        var info = GoBuildInfoReader.Parse(GoBinaryBytes.Create("go1.22.0", "path\tx\nmod\tx\tv1.0.0\t\n", sentinels: false), "app");

        Assert.AreEqual("x", info.MainPackage);
        Assert.AreEqual("v1.0.0", info.MainModule!.Version);
    }

    [TestMethod]
    public void Parse_OfBytesWithoutBuildInformation_IsGOI2101()
    {
        var error = Assert.ThrowsExactly<GoImageException>(() => GoBuildInfoReader.Parse(new byte[8192], "app"));

        Assert.AreEqual("GOI2101", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "ContainerGenerateSbom=false");
    }

    [TestMethod]
    public void Parse_OfAPre118Binary_IsGOI2102()
    {
        var error = Assert.ThrowsExactly<GoImageException>(() => GoBuildInfoReader.Parse(GoBinaryBytes.Create("go1.17", Modules, flags: 0), "app"));

        Assert.AreEqual("GOI2102", error.Diagnostic.Code);
    }

    [TestMethod]
    public void Parse_OfTruncatedBuildInformation_IsGOI2072()
    {
        var whole = GoBinaryBytes.Create("go1.23.5", Modules, offset: 16);
        var cut = whole.AsSpan(0, 16 + 32 + 20).ToArray();

        var error = Assert.ThrowsExactly<GoImageException>(() => GoBuildInfoReader.Parse(cut, "app"));

        Assert.AreEqual("GOI2072", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "cut short");
    }
    [TestMethod]
    public void Read_FromAFile_InWindowsOfAnySize_AgreesWithParse()
    {
        // Arrange: the header at aligned offsets on and around 64-byte window cuts, and a decoy magic off alignment.
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "app");
        foreach (var offset in new[] { 0, 16, 48, 64, 80, 112, 128, 4096 })
        {
            var bytes = GoBinaryBytes.Create("go1.23.5", Modules, offset + 32);
            GoBinaryBytes.Magic.CopyTo(bytes, offset + 7); // unaligned: Go's reader skips it, so must this one
            File.WriteAllBytes(path, bytes);

            // Act
            var small = GoBuildInfoReader.Read(path, "app", windowSize: 64);
            var whole = GoBuildInfoReader.Read(path, "app");

            // Assert
            AssertSame(GoBuildInfoReader.Parse(bytes, "app"), small, $"header at {offset + 32}");
            AssertSame(small, whole, $"header at {offset + 32}");
        }
    }

    [TestMethod]
    public void Read_AModuleListLongerThanTheFirstRead_IsReadWhole()
    {
        // Arrange: ~600 KiB of dependencies, more than the first read after the header.
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "app");
        var modules = "path\texample.com/big\nmod\texample.com/big\t(devel)\t\n" +
            string.Concat(Enumerable.Range(0, 12_000).Select(i => $"dep\texample.com/dependency{i:D5}\tv1.0.{i}\t\n"));
        File.WriteAllBytes(path, GoBinaryBytes.Create("go1.23.5", modules));

        // Act
        var info = GoBuildInfoReader.Read(path, "app");

        // Assert
        Assert.AreEqual(12_000, info.Dependencies.Count);
        Assert.AreEqual("example.com/dependency11999", info.Dependencies[^1].Path);
    }

    [TestMethod]
    public void Read_AFileWithoutBuildInformation_IsGOI2101()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "app");
        File.WriteAllBytes(path, new byte[3 * 1024 * 1024]);

        var error = Assert.ThrowsExactly<GoImageException>(() => GoBuildInfoReader.Read(path, "app"));

        Assert.AreEqual("GOI2101", error.Diagnostic.Code);
    }
    private static void AssertSame(GoBuildInfo expected, GoBuildInfo actual, string message)
    {
        Assert.AreEqual(expected.GoVersion, actual.GoVersion, message);
        Assert.AreEqual(expected.MainPackage, actual.MainPackage, message);
        Assert.AreEqual(expected.MainModule, actual.MainModule, message);
        CollectionAssert.AreEqual(expected.Dependencies.ToArray(), actual.Dependencies.ToArray(), message);
        CollectionAssert.AreEqual(expected.Settings.ToArray(), actual.Settings.ToArray(), message);
    }
}
