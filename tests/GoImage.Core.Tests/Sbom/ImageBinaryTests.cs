using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Sbom;

namespace GoImage.Core.Tests.Sbom;

[TestClass]
public sealed class ImageBinaryTests
{
    private static readonly ImagePlatform Amd64 = new("linux", "amd64", null);

    [TestMethod]
    public void Read_GivesTheFilesDigestAndTheBuildInformationParsedFromTheSameBytes()
    {
        // Arrange
        using var temp = new TempDirectory();
        var path = temp.Combine("app");
        var bytes = GoBinaryBytes.Create("go1.23.5", "path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\texample.com/quote\tv1.2.0\th1:q=\n");
        File.WriteAllBytes(path, bytes);

        // Act
        var binary = ImageBinary.Read(Amd64, path);

        // Assert
        Assert.AreEqual(Digest.OfFile(path, CancellationToken.None), binary.Digest);
        Assert.AreEqual(Amd64, binary.Platform);
        Assert.AreEqual("go1.23.5", binary.BuildInfo.GoVersion);
        Assert.AreEqual(new GoModule("example.com/quote", "v1.2.0", "h1:q="), binary.BuildInfo.Dependencies.Single());
    }

    [TestMethod]
    public void Read_OfAMissingFile_IsGOI2071()
    {
        var error = Assert.ThrowsExactly<GoImageException>(() => ImageBinary.Read(Amd64, Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));

        Assert.AreEqual("GOI2071", error.Diagnostic.Code);
    }

    [TestMethod]
    public void Read_OfAFileWithoutBuildInformation_IsGOI2101()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("script.sh", "#!/bin/sh\necho not go\n");

        var error = Assert.ThrowsExactly<GoImageException>(() => ImageBinary.Read(Amd64, path));

        Assert.AreEqual("GOI2101", error.Diagnostic.Code);
    }
}
