using System.Text.Json;
using GoImage.Composition;
using GoImage.Core.Tests.Registry;
using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Images;
using GoImage.Layers;
using GoImage.Registry;

namespace GoImage.Core.Tests.Composition;

/// <summary>Images assembled on a registry base: the base's layers, config and history underneath, and annotations naming it.</summary>
[TestClass]
public sealed class ImageAssemblerBaseTests
{
    private const string BaseName = "registry.example.com/base/testos:3.20";
    private const string BaseNameAnnotation = "org.opencontainers.image.base.name";
    private const string BaseDigestAnnotation = "org.opencontainers.image.base.digest";

    private static readonly ImagePlatform Amd64 = BaseImageBuilder.Amd64;
    private static readonly ImagePlatform Arm64 = BaseImageBuilder.Arm64;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Layers_AreTheBasesFirst_ThenTheSharedOnes_ThenTheApp()
    {
        // Arrange
        using var temp = new TempDirectory();
        var seeded = new BaseImageBuilder().Build();

        // Act
        var image = Assemble(temp, HandBuilt(seeded, temp));

        // Assert
        foreach (var platform in image.Platforms)
        {
            var baseLayers = seeded[platform.Platform].Layers;
            Assert.HasCount(baseLayers.Count + 2, platform.Layers);
            CollectionAssert.AreEqual(baseLayers.Select(l => l.Digest).ToArray(), platform.Layers.Take(baseLayers.Count).Select(l => l.Digest).ToArray());
            Assert.AreEqual("sample", platform.Layers[^2].Name);
            StringAssert.StartsWith(platform.Layers[^1].Name, "/app/hello");
            using var manifest = JsonDocument.Parse(platform.Manifest.Content);
            CollectionAssert.AreEqual(
                platform.Layers.Select(l => l.Digest.ToString()).ToArray(),
                manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()).ToArray());
        }
    }

    [TestMethod]
    public void DiffIds_AreTheBasesThenOurs()
    {
        // Arrange
        using var temp = new TempDirectory();
        var seeded = new BaseImageBuilder().Build();

        // Act
        var image = Assemble(temp, HandBuilt(seeded, temp));

        // Assert
        foreach (var platform in image.Platforms)
        {
            using var config = JsonDocument.Parse(platform.Config.Content);
            var expected = seeded[platform.Platform].Layers.Select(l => l.DiffId!.Value)
                .Concat(platform.Layers.Skip(2).Select(l => l.DiffId))
                .Select(d => d.ToString()).ToArray();
            CollectionAssert.AreEqual(expected, config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()).ToArray());
        }
    }

    [TestMethod]
    public void Environment_KeepsTheBasesVariables_UnlessTheProjectSetsTheSameName()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act
        var image = Assemble(temp, HandBuilt(new BaseImageBuilder().Build(), temp));

        // Assert
        using var config = JsonDocument.Parse(image.Platforms[0].Config.Content);
        var env = config.RootElement.GetProperty("config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToArray();
        CollectionAssert.AreEqual(
            new[] { "BASE_MARKER=1", "SHARED=base", "PATH=/usr/local/bin:/usr/bin:/bin", "GREETING=Grüße \"world\"\tand\\more" },
            env);
    }

    [TestMethod]
    public void LabelsAndPorts_AreMerged_AndTheProjectWinsOnTheSameLabel()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act
        var image = Assemble(temp, HandBuilt(new BaseImageBuilder().Build(), temp));

        // Assert
        using var config = JsonDocument.Parse(image.Platforms[1].Config.Content);
        var runtime = config.RootElement.GetProperty("config");
        var labels = runtime.GetProperty("Labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.AreEqual("yes", labels["org.example.base"]);
        Assert.AreEqual("platform", labels["com.example.team"]);
        Assert.AreEqual("1.4.2+build.5", labels["org.opencontainers.image.version"]);
        Assert.HasCount(3, labels);
        CollectionAssert.AreEqual(
            new[] { "53/udp", "80/tcp", "8080/tcp" },
            runtime.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "--port", "8080" }, runtime.GetProperty("Cmd").EnumerateArray().Select(c => c.GetString()).ToArray());
    }

    [TestMethod]
    public void History_KeepsTheBasesEntries_WithTheirOwnTimesAndEmptyLayers_ThenOurs()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act
        var image = Assemble(temp, HandBuilt(new BaseImageBuilder().Build(), temp));

        // Assert
        foreach (var platform in image.Platforms)
        {
            using var config = JsonDocument.Parse(platform.Config.Content);
            var history = config.RootElement.GetProperty("history").EnumerateArray().ToList();
            Assert.HasCount(5, history);
            CollectionAssert.AreEqual(
                new[] { "2024-01-02T03:04:01Z", "2024-01-02T03:04:02Z", "2024-01-02T03:04:03Z", "2023-11-14T22:13:20Z", "2023-11-14T22:13:20Z" },
                history.Select(h => h.GetProperty("created").GetString()).ToArray());
            CollectionAssert.AreEqual(
                new[] { false, false, true, false, false },
                history.Select(h => h.TryGetProperty("empty_layer", out var empty) && empty.GetBoolean()).ToArray());
            Assert.AreEqual("busybox", history[1].GetProperty("comment").GetString());
            StringAssert.StartsWith(history[2].GetProperty("created_by").GetString(), "/bin/sh -c #(nop)  CMD");
            StringAssert.StartsWith(history[3].GetProperty("created_by").GetString(), "GoImage.Sdk:");
            Assert.AreEqual(platform.Layers.Count, history.Count(h => !h.TryGetProperty("empty_layer", out _)), "one non-empty history entry per layer");
        }
    }

    [TestMethod]
    public void Annotations_NameTheBase_WithEachManifestsOwnDigest_AndTheIndexRoot()
    {
        // Arrange
        using var temp = new TempDirectory();
        var seeded = new BaseImageBuilder().Build();

        // Act
        var image = Assemble(temp, HandBuilt(seeded, temp));

        // Assert
        foreach (var platform in image.Platforms)
        {
            using var manifest = JsonDocument.Parse(platform.Manifest.Content);
            var annotations = manifest.RootElement.GetProperty("annotations");
            Assert.AreEqual(BaseName, annotations.GetProperty(BaseNameAnnotation).GetString());
            Assert.AreEqual(seeded[platform.Platform].ManifestDigest.ToString(), annotations.GetProperty(BaseDigestAnnotation).GetString());
            Assert.AreEqual("https://example.com/shop/api", annotations.GetProperty("org.opencontainers.image.source").GetString());
        }

        using var index = JsonDocument.Parse(image.Index.Content);
        var indexAnnotations = index.RootElement.GetProperty("annotations");
        Assert.AreEqual(BaseName, indexAnnotations.GetProperty(BaseNameAnnotation).GetString());
        Assert.AreEqual(seeded.RootDigest.ToString(), indexAnnotations.GetProperty(BaseDigestAnnotation).GetString());
        Assert.AreEqual("1.4.2+build.5", indexAnnotations.GetProperty("org.opencontainers.image.version").GetString());
    }

    [TestMethod]
    public void BaseNamedByDigestOnly_IsAnnotatedWithoutTag()
    {
        // Arrange
        using var temp = new TempDirectory();
        var seeded = new BaseImageBuilder().Build();
        Assert.IsTrue(ImageReference.TryParse($"registry.example.com/base/testos@{seeded.RootDigest}", out var reference, out _));

        // Act
        var image = Assemble(temp, HandBuilt(seeded, temp, reference));

        // Assert
        using var index = JsonDocument.Parse(image.Index.Content);
        Assert.AreEqual("registry.example.com/base/testos", index.RootElement.GetProperty("annotations").GetProperty(BaseNameAnnotation).GetString());
    }

    [TestMethod]
    public void ConfigsManifestsAndIndex_OnABase_AreValidOciDocuments()
    {
        // Arrange
        using var temp = new TempDirectory();

        // Act
        var image = Assemble(temp, HandBuilt(new BaseImageBuilder().Build(), temp));

        // Assert
        foreach (var platform in image.Platforms)
        {
            OciSchemas.AssertValid(OciSchemas.Config, platform.Config.Content);
            OciSchemas.AssertValid(OciSchemas.Manifest, platform.Manifest.Content);
        }

        OciSchemas.AssertValid(OciSchemas.Index, image.Index.Content);
    }

    [TestMethod]
    public void SameBaseAndInputs_GiveTheSameIndexDigest()
    {
        // Arrange
        using var temp = new TempDirectory();
        var baseImage = HandBuilt(new BaseImageBuilder().Build(), temp);

        // Act
        var first = Assemble(temp, baseImage);
        var second = Assemble(temp, baseImage);

        // Assert
        Assert.AreEqual(first.Index.Descriptor.Digest, second.Index.Descriptor.Digest);
    }

    [TestMethod]
    public void BaseWithoutAPlatformTheImageHas_IsRefused()
    {
        // Arrange
        using var temp = new TempDirectory();
        var baseImage = HandBuilt(new BaseImageBuilder { Platforms = [Amd64] }.Build(), temp);

        // Act & Assert
        Assert.ThrowsExactly<ArgumentException>(() => Assemble(temp, baseImage));
    }

    [TestMethod]
    public async Task DockerBasePulledFromARegistry_GivesAnOciImage_WithOciLayerTypes()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var seeded = new BaseImageBuilder { Docker = true }.Build();
        seeded.Seed(registry, "base/testos", "3.20");
        using var temp = new TempDirectory();
        Assert.IsTrue(ImageReference.TryParse($"{registry.Host}/base/testos:3.20", out var reference, out _));
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), () => PullClients.For(registry));
        var baseImage = await resolver.ResolveAsync(
            new BaseImageRequest(reference, [Amd64, Arm64], temp.Combine(BaseImageLockFile.FileName)), TestContext.CancellationTokenSource.Token);

        // Act
        var image = Assemble(temp, baseImage);

        // Assert
        foreach (var platform in image.Platforms)
        {
            using var manifest = JsonDocument.Parse(platform.Manifest.Content);
            CollectionAssert.AreEqual(
                Enumerable.Repeat(MediaTypes.LayerGzip, 4).ToArray(),
                manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("mediaType").GetString()).ToArray());
            Assert.AreEqual(MediaTypes.ImageManifest, manifest.RootElement.GetProperty("mediaType").GetString());
            Assert.AreEqual(MediaTypes.ImageConfig, manifest.RootElement.GetProperty("config").GetProperty("mediaType").GetString());
            Assert.AreEqual(seeded[platform.Platform].ManifestDigest.ToString(), manifest.RootElement.GetProperty("annotations").GetProperty(BaseDigestAnnotation).GetString());
            OciSchemas.AssertValid(OciSchemas.Config, platform.Config.Content);
            OciSchemas.AssertValid(OciSchemas.Manifest, platform.Manifest.Content);
        }

        OciSchemas.AssertValid(OciSchemas.Index, image.Index.Content);
    }

    private static ImageSet Assemble(TempDirectory temp, BaseImage baseImage)
    {
        var definition = new ImageDefinition("shop/api", ["1.4.2"], SampleImage.Container, SampleImage.Created) { Annotations = SampleImage.Annotations };
        var layers = temp.Combine("layers");
        var shared = SampleImage.WriteLayer(layers, SampleImage.SmallLayer());
        var apps = new[] { Amd64, Arm64 }
            .Select(p => (p, SampleImage.WriteLayer(layers, LayerContent.Create(
                $"/app/hello ({p})", [LayerEntry.File("app/hello", System.Text.Encoding.UTF8.GetBytes($"binary for {p}\n"), SampleImage.Mode0755)], SampleImage.Mtime))))
            .ToList();
        return ImageAssembler.Assemble(definition, [shared], apps, baseImage);
    }

    /// <summary>The base image the resolver would give for <paramref name="seeded"/>, built without a registry.</summary>
    private static BaseImage HandBuilt(SeededBaseImage seeded, TempDirectory temp, ImageReference? reference = null)
    {
        if (reference is null)
        {
            Assert.IsTrue(ImageReference.TryParse(BaseName, out reference, out _));
        }

        var parts = seeded.Platforms.Select(p => new BasePlatformImage(
            p.Platform,
            p.ManifestDigest,
            p.Layers.Select((layer, i) =>
            {
                var path = temp.Combine($"base/{layer.Digest.Hex}");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, layer.Bytes);
                return new Layer($"base layer {i + 1}", path, layer.Digest, layer.Bytes.Length, layer.DiffId!.Value);
            }).ToList(),
            BaseImageConfig.Parse(p.Config.Bytes))).ToList();
        return new BaseImage(reference.WithDigest(seeded.RootDigest), seeded.RootDigest, parts);
    }
}
