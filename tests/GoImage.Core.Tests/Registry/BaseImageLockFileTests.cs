using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Registry;

namespace GoImage.Core.Tests.Registry;

[TestClass]
public sealed class BaseImageLockFileTests
{
    private static readonly Digest Pinned = Digest.Of("base"u8);

    [TestMethod]
    public void WrittenLock_ReadsBackTheSame()
    {
        // Arrange
        using var temp = new TempDirectory();
        var path = temp.Combine(BaseImageLockFile.FileName);
        var entry = new BaseImageLock("docker.io/library/alpine:3.20", Pinned);

        // Act
        BaseImageLockFile.Write(path, entry);

        // Assert
        Assert.AreEqual(entry, BaseImageLockFile.Read(path));
    }

    [TestMethod]
    public void WrittenLock_IsIndentedJsonWithAFinalNewline_AndNoTemporaryFileRemains()
    {
        // Arrange
        using var temp = new TempDirectory();
        var path = temp.Combine(BaseImageLockFile.FileName);

        // Act
        BaseImageLockFile.Write(path, new BaseImageLock("docker.io/library/alpine:3.19", Digest.Of("old"u8)));
        BaseImageLockFile.Write(path, new BaseImageLock("docker.io/library/alpine:3.20", Pinned));

        // Assert
        var text = File.ReadAllText(path);
        Assert.AreEqual(
            $"{{\n  \"version\": 1,\n  \"baseImage\": {{\n    \"reference\": \"docker.io/library/alpine:3.20\",\n    \"digest\": \"{Pinned}\"\n  }}\n}}\n",
            text.ReplaceLineEndings("\n"));
        CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(temp.Path));
    }

    [TestMethod]
    public void MissingFile_ReadsAsNoLock()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act
        var entry = BaseImageLockFile.Read(temp.Combine(BaseImageLockFile.FileName));

        // Assert
        Assert.IsNull(entry);
    }

    [TestMethod]
    public void FileWithAByteOrderMark_IsRead()
    {
        // Arrange: editors on Windows add one.
        using var temp = new TempDirectory();
        var path = temp.Combine(BaseImageLockFile.FileName);
        BaseImageLockFile.Write(path, new BaseImageLock("docker.io/library/alpine:3.20", Pinned));
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(path)]);

        // Act
        var entry = BaseImageLockFile.Read(path);

        // Assert
        Assert.AreEqual(Pinned, entry?.Digest);
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("{\"version\":1,", DisplayName = "truncated JSON")]
    [DataRow("[]", DisplayName = "an array")]
    [DataRow("\"lock\"", DisplayName = "a string")]
    [DataRow("{\"baseImage\":{\"reference\":\"a\",\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"}}", DisplayName = "no version")]
    [DataRow("{\"version\":2,\"baseImage\":{\"reference\":\"a\",\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"}}", DisplayName = "version 2")]
    [DataRow("{\"version\":\"1\",\"baseImage\":{\"reference\":\"a\",\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"}}", DisplayName = "version as a string")]
    [DataRow("{\"version\":1.5,\"baseImage\":{\"reference\":\"a\",\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"}}", DisplayName = "version 1.5")]
    [DataRow("{\"version\":1}", DisplayName = "no baseImage")]
    [DataRow("{\"version\":1,\"baseImage\":[]}", DisplayName = "baseImage an array")]
    [DataRow("{\"version\":1,\"baseImage\":{\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"}}", DisplayName = "no reference")]
    [DataRow("{\"version\":1,\"baseImage\":{\"reference\":7,\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"}}", DisplayName = "reference a number")]
    [DataRow("{\"version\":1,\"baseImage\":{\"reference\":\"a\",\"digest\":\"sha256:abc\"}}", DisplayName = "short digest")]
    [DataRow("{\"version\":1,\"baseImage\":{\"reference\":\"a\",\"digest\":\"SHA256:0000000000000000000000000000000000000000000000000000000000000000\"}}", DisplayName = "uppercase algorithm")]
    [DataRow("{\"version\":1,\"baseImage\":{\"reference\":\"a\",\"digest\":null}}", DisplayName = "null digest")]
    public void MalformedLockFile_FailsWithGOI3022_NamingTheFile(string content)
    {
        // Arrange
        using var temp = new TempDirectory();
        var path = temp.Write(BaseImageLockFile.FileName, content);

        // Act
        var error = Assert.ThrowsExactly<GoImageException>(() => BaseImageLockFile.Read(path));

        // Assert
        Assert.AreEqual("GOI3022", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, path);
    }
}
