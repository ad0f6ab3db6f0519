using System.Text;
using GoImage.Images;

namespace GoImage.Core.Tests.Images;

[TestClass]
public sealed class ImageConfigDocumentTests
{
    [TestMethod]
    public void ConfigThisSdkWrites_ReadsBackEveryRuntimeFieldAsWritten()
    {
        // Arrange
        var written = SampleImage.Config(SampleImage.ArmV7);

        // Act
        var config = ImageConfigDocument.Parse(written.Content);

        // Assert
        Assert.AreEqual(SampleImage.ArmV7, config.Platform);
        Assert.AreEqual("2023-11-14T22:13:20Z", config.Created);
        Assert.AreEqual("65532:65532", config.User);
        CollectionAssert.AreEqual(new[] { "/app/hello" }, config.Entrypoint.ToArray());
        CollectionAssert.AreEqual(new[] { "--port", "8080" }, config.Cmd.ToArray());
        Assert.AreEqual("/app", config.WorkingDirectory);
        CollectionAssert.AreEqual(SampleImage.Container.Environment.ToArray(), config.Environment.ToArray());
        CollectionAssert.AreEqual(new[] { "53/udp", "8080/tcp" }, config.ExposedPorts.ToArray());
        Assert.AreEqual("1.4.2+build.5", config.Labels["org.opencontainers.image.version"]);
        CollectionAssert.AreEqual(new[] { "sha256:" + Layers.LayerGoldenTests.SmallLayerDiffId.Replace("sha256:", "", StringComparison.Ordinal) }, config.DiffIds.ToArray());
        Assert.AreEqual("the golden small layer", config.History.Single().Comment);
    }

    [TestMethod]
    public void AbsentNullAndOtherTypedValues_ReadAsEmpty_AndListEntriesThatAreNotStringsAreSkipped()
    {
        // Arrange: Docker writes null for an empty Env; a hand-made config may put a number where a string belongs.
        var json = """{"os":"linux","config":{"User":7,"Env":null,"Cmd":["a",1,"b"],"Labels":{"x":"1","y":2}},"rootfs":{"type":"layers"}}""";

        // Act
        var config = ImageConfigDocument.Parse(Encoding.UTF8.GetBytes(json));

        // Assert
        Assert.AreEqual(new ImagePlatform("linux", "", null), config.Platform);
        Assert.IsNull(config.User);
        Assert.IsNull(config.Created);
        Assert.IsNull(config.WorkingDirectory);
        Assert.IsEmpty(config.Environment);
        CollectionAssert.AreEqual(new[] { "a", "b" }, config.Cmd.ToArray());
        Assert.AreEqual("1", config.Labels.Single().Value);
        Assert.IsEmpty(config.DiffIds);
        Assert.IsEmpty(config.Entrypoint);
    }

    [TestMethod]
    [DataRow("not json")]
    [DataRow("[]")]
    [DataRow("""{"rootfs":{"diff_ids":[7]}}""")]
    [DataRow("""{"rootfs":"layers"}""")]
    public void MalformedConfig_IsAFormatException(string json)
    {
        Assert.ThrowsExactly<FormatException>(() => ImageConfigDocument.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [TestMethod]
    public void DiffIdOfAnotherAlgorithm_IsKeptAsWritten()
    {
        var config = ImageConfigDocument.Parse("""{"rootfs":{"diff_ids":["sha512:abc"]}}"""u8.ToArray());

        CollectionAssert.AreEqual(new[] { "sha512:abc" }, config.DiffIds.ToArray());
    }
}
