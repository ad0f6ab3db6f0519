using System.Text;
using GoImage.Core.Tests.Registry;
using GoImage.Images;

namespace GoImage.Core.Tests.Images;

[TestClass]
public sealed class BaseImageConfigTests
{
    [TestMethod]
    public void SeededConfig_GivesPlatformEnvironmentLabelsPortsLayerIdsAndHistory()
    {
        // Arrange
        var seeded = new BaseImageBuilder().Build()[BaseImageBuilder.Arm64];

        // Act
        var config = BaseImageConfig.Parse(seeded.Config.Bytes);

        // Assert
        Assert.AreEqual(BaseImageBuilder.Arm64, config.Platform);
        CollectionAssert.AreEqual(new[] { "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "BASE_MARKER=1", "SHARED=base" }, config.Environment.ToArray());
        Assert.AreEqual("yes", config.Labels["org.example.base"]);
        CollectionAssert.AreEqual(new[] { "80/tcp" }, config.ExposedPorts.ToArray());
        CollectionAssert.AreEqual(seeded.Layers.Select(l => l.DiffId!.Value).ToArray(), config.DiffIds.ToArray());
        Assert.HasCount(3, config.History);
        Assert.AreEqual("2024-01-02T03:04:02Z", config.History[1].Created);
        Assert.AreEqual("busybox", config.History[1].Comment);
        Assert.IsTrue(config.History[2].EmptyLayer);
        Assert.IsFalse(config.History[0].EmptyLayer);
    }

    [TestMethod]
    public void DockerConfigWithNullsAndNoHistory_ReadsAsEmpty()
    {
        // Arrange: docker writes null for an empty Env, Labels or ExposedPorts.
        var json = """{"architecture":"amd64","os":"linux","config":{"Env":null,"Labels":null,"ExposedPorts":null},"rootfs":{"type":"layers","diff_ids":[]}}""";

        // Act
        var config = BaseImageConfig.Parse(Encoding.UTF8.GetBytes(json));

        // Assert
        Assert.AreEqual(new ImagePlatform("linux", "amd64", null), config.Platform);
        Assert.IsEmpty(config.Environment);
        Assert.IsEmpty(config.Labels);
        Assert.IsEmpty(config.ExposedPorts);
        Assert.IsEmpty(config.DiffIds);
        Assert.IsEmpty(config.History);
    }

    [TestMethod]
    [DataRow("not json")]
    [DataRow("[]")]
    [DataRow("""{"rootfs":{"diff_ids":["sha256:abc"]}}""")]
    [DataRow("""{"rootfs":{"diff_ids":[7]}}""")]
    [DataRow("""{"rootfs":"layers"}""")]
    public void MalformedConfig_IsAFormatException(string json)
    {
        // Act & Assert
        Assert.ThrowsExactly<FormatException>(() => BaseImageConfig.Parse(Encoding.UTF8.GetBytes(json)));
    }
}
