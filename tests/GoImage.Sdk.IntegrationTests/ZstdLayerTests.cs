using System.Security.Cryptography;
using System.Text.Json;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// samples/hello published with ContainerLayerCompression=zstd and pushed to a real CNCF distribution registry,
/// judged by the reference zstd (every layer, and its tar against the config's diff_ids), skopeo (the layout and
/// the registry) and podman (pulls the zstd image and runs it).
/// </summary>
[TestClass]
public sealed class ZstdLayerTests
{
    private static RegistryServer _registry = null!;
    private static GoProject _hello = null!;
    private static CommandResult _push = null!;
    private static OciLayout _layout = null!;

    [ClassInitialize]
    public static async Task PushZstdHello(TestContext context)
    {
        _registry = await RegistryServer.StartAsync();
        _hello = GoProject.FromSample("hello");
        _push = _hello.Publish("-p:ContainerLayerCompression=zstd", $"-p:ContainerRegistry={_registry.Host}");
        _layout = new OciLayout(_hello.LayoutPath);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _hello.Dispose();
        _registry.Dispose();
    }

    [TestMethod]
    [DataRow("amd64")]
    [DataRow("arm64")]
    public void EveryLayer_IsZstd_AndItsTarIsTheConfigsDiffId(string architecture)
    {
        Assert.IsTrue(_push.Succeeded, _push.ToString());
        var layers = _layout.Manifest(architecture).GetProperty("layers").EnumerateArray().ToList();
        var diffIds = _layout.Config(architecture).GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()).ToList();

        Assert.AreEqual(2, layers.Count, "the static base and the app");
        Assert.AreEqual(diffIds.Count, layers.Count);
        for (var i = 0; i < layers.Count; i++)
        {
            Assert.AreEqual("application/vnd.oci.image.layer.v1.tar+zstd", layers[i].GetProperty("mediaType").GetString());
            var blob = _layout.BlobPath(layers[i].GetProperty("digest").GetString()!);
            var tar = _hello.PathOf($"layer-{architecture}-{i}.tar");
            Peers.Expect(Peers.Run("zstd", ["-t", "-q", blob]));
            Peers.Expect(Peers.Run("zstd", ["-d", "-q", "-f", blob, "-o", tar]));
            Assert.AreEqual(diffIds[i], "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tar))), $"layer {i + 1}");
        }
    }

    [TestMethod]
    public void Skopeo_CopiesFromTheLayoutAndTheRegistry_KeepingTheZstdLayers()
    {
        Assert.IsTrue(_push.Succeeded, _push.ToString());

        var sources = new[] { $"oci:{_layout.Path}:1.4.2", $"docker://{_registry.Host}/goimage/hello:1.4.2" };
        for (var i = 0; i < sources.Length; i++)
        {
            // skopeo reads every blob (checking its digest) and writes the arm64 image as it found it (the registry is plain HTTP).
            var copy = _hello.PathOf($"skopeo-copy-{i}");
            Peers.Expect(Peers.Skopeo(["copy", "-q", "--override-arch", "arm64", "--src-tls-verify=false", sources[i], $"dir:{copy}"]));
            var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(copy, "manifest.json"))).RootElement;
            var layers = manifest.GetProperty("layers").EnumerateArray().ToList();
            Assert.AreEqual(_layout.Manifest("arm64").GetProperty("layers").ToString(), manifest.GetProperty("layers").ToString(), sources[i]);
            Assert.IsTrue(layers.All(l => l.GetProperty("mediaType").GetString() == "application/vnd.oci.image.layer.v1.tar+zstd"), sources[i]);
        }
    }

    [TestMethod]
    public void Podman_PullsTheZstdImageFromTheRegistry_AndRunsIt()
    {
        Assert.IsTrue(_push.Succeeded, _push.ToString());
        using var podman = new Podman(_hello.Root);

        Peers.Expect(podman.Run("pull", "--tls-verify=false", $"{_registry.Host}/goimage/hello:1.4.2"));
        var version = podman.RunContainer($"{_registry.Host}/goimage/hello:1.4.2", "-version");

        Peers.Expect(version);
        Assert.AreEqual("1.4.2", version.Output.Trim());
    }

    [TestMethod]
    public void SwitchingToGzipAndBack_GivesGzipLayersThenTheSameZstdImage()
    {
        Assert.IsTrue(_push.Succeeded, _push.ToString());
        var zstdDigest = _layout.ImageIndexDigest;

        var gzip = _hello.Publish();
        var gzipDigest = _layout.ImageIndexDigest;
        var gzipTypes = _layout.Manifest("amd64").GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("mediaType").GetString()).ToList();
        var zstdAgain = _hello.Publish("-p:ContainerLayerCompression=Zstd");

        Peers.Expect(gzip);
        Peers.Expect(zstdAgain);
        Assert.AreNotEqual(zstdDigest, gzipDigest);
        Assert.IsTrue(gzipTypes.All(t => t == "application/vnd.oci.image.layer.v1.tar+gzip"), string.Join(", ", gzipTypes));
        Assert.AreEqual(zstdDigest, _layout.ImageIndexDigest, "the zstd layers are pinned: the same image again");
    }
}
