using System.Text.Json;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// samples/hello pushed for two platforms to a real CNCF distribution registry on loopback, judged by
/// skopeo (digests, tags) and podman (pulls and runs it).
/// </summary>
[TestClass]
public sealed class RegistryPushTests
{
    private static RegistryServer _registry = null!;
    private static GoProject _hello = null!;
    private static CommandResult _push = null!;
    private static string _digest = "";
    private static string _reference = "";

    [ClassInitialize]
    public static async Task PushHello(TestContext context)
    {
        _registry = await RegistryServer.StartAsync();
        _hello = GoProject.FromSample("hello");
        _push = _hello.Publish($"-p:ContainerRegistry={_registry.Host}", "-getProperty:GeneratedContainerDigest", "-getProperty:GeneratedContainerReference", "-getTargetResult:PublishContainer");
        if (_push.Succeeded)
        {
            var properties = JsonDocument.Parse(_push.Output[_push.Output.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("Properties");
            _digest = properties.GetProperty("GeneratedContainerDigest").GetString()!;
            _reference = properties.GetProperty("GeneratedContainerReference").GetString()!;
        }
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _hello.Dispose();
        _registry.Dispose();
    }

    [TestMethod]
    public void Push_TheRegistrysDigestIsGeneratedContainerDigest()
    {
        Assert.IsTrue(_push.Succeeded, _push.ToString());

        Assert.AreEqual(_digest, RegistryPeers.ManifestDigest(_registry, "goimage/hello:1.4.2"));
        Assert.AreEqual($"{_registry.Host}/goimage/hello@{_digest}", _reference);
    }

    [TestMethod]
    public void Push_EveryTagPointsAtTheIndex()
    {
        Assert.IsTrue(_push.Succeeded, _push.ToString());

        foreach (var tag in new[] { "1.4.2", "1.4", "1", "latest" })
        {
            Assert.AreEqual(_digest, RegistryPeers.ManifestDigest(_registry, $"goimage/hello:{tag}"), tag);
        }
    }

    [TestMethod]
    public void Podman_PullsTheImageFromTheRegistry_AndRunsItAsNonRoot()
    {
        Assert.IsTrue(_push.Succeeded, _push.ToString());
        using var podman = new Podman(_hello.Root);

        Peers.Expect(podman.Run("pull", "--tls-verify=false", $"{_registry.Host}/goimage/hello:1.4.2"));
        var version = podman.RunContainer($"{_registry.Host}/goimage/hello:1.4.2", "-version");
        var whoami = podman.RunContainer($"{_registry.Host}/goimage/hello:1.4.2", "-whoami");

        Peers.Expect(version);
        Assert.AreEqual("1.4.2", version.Output.Trim());
        Peers.Expect(whoami);
        Assert.AreEqual("uid=65532 gid=65532", whoami.Output.Trim());
    }

    [TestMethod]
    public void SecondPush_OfTheSameImage_UploadsNoBlob()
    {
        Assert.IsTrue(_push.Succeeded, _push.ToString());

        var again = _hello.Publish($"-p:ContainerRegistry={_registry.Host}");

        Assert.IsTrue(again.Succeeded, again.ToString());
        // 5 image blobs (base, two app layers, two configs), 3 of the SBOM referrers (two SPDX documents, the empty config)
        // and the unsigned provenance statement (one blob, referred to by the index and both manifests).
        StringAssert.Contains(again.Output, "(0 uploaded, 9 already present, 0 mounted;");
        Assert.IsFalse(again.Output.Contains(" uploaded (", StringComparison.Ordinal), again.Output);
    }

    [TestMethod]
    public async Task RePush_ToARegistryWhoseStorageWasWiped_UploadsEveryBlobAgain()
    {
        // Its own registry: the push record of the first push names blobs this one then loses.
        using var registry = await RegistryServer.StartAsync();
        var first = _hello.Publish($"-p:ContainerRegistry={registry.Host}", "-p:ContainerRepository=goimage/wiped");
        Assert.IsTrue(first.Succeeded, first.ToString());
        registry.Stop();
        Directory.Delete(registry.StorageDirectory, recursive: true);
        Directory.CreateDirectory(registry.StorageDirectory);
        await registry.StartAgainAsync();

        var again = _hello.Publish($"-p:ContainerRegistry={registry.Host}", "-p:ContainerRepository=goimage/wiped");

        Assert.IsTrue(again.Succeeded, again.ToString());
        StringAssert.Contains(again.Output, "(9 uploaded, 0 already present, 0 mounted;");
        Assert.IsTrue(RegistryPeers.Exists(registry, "goimage/wiped:1.4.2"));
    }

    [TestMethod]
    public void ArchiveOutputPath_WinsOverTheRegistry_WithAWarning()
    {
        var archive = _hello.PathOf("out/precedence.tar");

        var publish = _hello.Publish($"-p:ContainerRegistry={_registry.Host}", "-p:ContainerRepository=goimage/precedence", $"-p:ContainerArchiveOutputPath={archive}");

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "warning GOI3025:");
        Assert.IsTrue(File.Exists(archive));
        Assert.IsFalse(RegistryPeers.Exists(_registry, "goimage/precedence:1.4.2"), "nothing pushed");
    }

    [TestMethod]
    public void UnknownRegistryHost_FailsWithGoi3002()
    {
        var publish = _hello.Publish("-p:ContainerRegistry=no-such-registry.invalid:5000", "-p:ContainerRepository=goimage/nowhere");

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "error GOI3002:");
        StringAssert.Contains(publish.Output, "no-such-registry.invalid:5000");
    }
}
