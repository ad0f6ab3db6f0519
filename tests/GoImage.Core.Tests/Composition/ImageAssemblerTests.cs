using System.Text.Json;
using GoImage.Images;

namespace GoImage.Core.Tests.Composition;

[TestClass]
public sealed class ImageAssemblerTests
{
    [TestMethod]
    public void Assemble_GivesEachPlatformTheSharedLayersThenItsOwn()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act
        var image = SampleImage.Assemble(temp.Path);

        // Assert
        Assert.AreEqual(2, image.Platforms.Count);
        var shared = image.Platforms[0].Layers[0];
        foreach (var platform in image.Platforms)
        {
            Assert.AreEqual(2, platform.Layers.Count);
            Assert.AreEqual(shared.Digest, platform.Layers[0].Digest);
            using var config = JsonDocument.Parse(platform.Config.Content);
            CollectionAssert.AreEqual(
                platform.Layers.Select(l => l.DiffId.ToString()).ToArray(),
                config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()).ToArray());
            Assert.AreEqual(platform.Platform.Architecture, config.RootElement.GetProperty("architecture").GetString());
            Assert.AreEqual(2, config.RootElement.GetProperty("history").GetArrayLength());
        }

        Assert.AreNotEqual(image.Platforms[0].Layers[1].Digest, image.Platforms[1].Layers[1].Digest);
    }

    [TestMethod]
    public void Assemble_ManifestNamesItsConfigAndLayers()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act
        var image = SampleImage.Assemble(temp.Path);

        // Assert
        var platform = image.Platforms[1];
        using var manifest = JsonDocument.Parse(platform.Manifest.Content);
        Assert.AreEqual(platform.Config.Descriptor.Digest.ToString(), manifest.RootElement.GetProperty("config").GetProperty("digest").GetString());
        Assert.AreEqual(platform.Config.Content.Length, manifest.RootElement.GetProperty("config").GetProperty("size").GetInt64());
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray().ToList();
        CollectionAssert.AreEqual(platform.Layers.Select(l => l.Digest.ToString()).ToArray(), layers.Select(l => l.GetProperty("digest").GetString()).ToArray());
        CollectionAssert.AreEqual(platform.Layers.Select(l => l.Size).ToArray(), layers.Select(l => l.GetProperty("size").GetInt64()).ToArray());
        Assert.AreEqual("1.4.2+build.5", manifest.RootElement.GetProperty("annotations").GetProperty("org.opencontainers.image.version").GetString());
    }

    [TestMethod]
    public void Assemble_IndexListsEveryPlatformInOrder()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act
        var image = SampleImage.Assemble(temp.Path);

        // Assert
        using var index = JsonDocument.Parse(image.Index.Content);
        var manifests = index.RootElement.GetProperty("manifests").EnumerateArray().ToList();
        CollectionAssert.AreEqual(
            image.Platforms.Select(p => p.Manifest.Descriptor.Digest.ToString()).ToArray(),
            manifests.Select(m => m.GetProperty("digest").GetString()).ToArray());
        Assert.AreEqual("v7", manifests[1].GetProperty("platform").GetProperty("variant").GetString());
        Assert.IsFalse(manifests[0].GetProperty("platform").TryGetProperty("variant", out _));
    }

    [TestMethod]
    public void Assemble_SameInputs_GiveTheSameIndexDigest()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act: the index digest is known before anything is written, and never depends on where layers live.
        var first = SampleImage.Assemble(temp.Combine("one"));
        var second = SampleImage.Assemble(temp.Combine("two"));

        // Assert
        Assert.AreEqual(first.Index.Descriptor.Digest, second.Index.Descriptor.Digest);
    }

    [TestMethod]
    public void ImageSet_ListsEachBlobOnce()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act
        var image = SampleImage.Assemble(temp.Path);

        // Assert: the shared layer once; two configs, two manifests and the index.
        Assert.AreEqual(3, image.LayerBlobs.Count());
        Assert.AreEqual(5, image.JsonBlobs.Count());
    }
}
