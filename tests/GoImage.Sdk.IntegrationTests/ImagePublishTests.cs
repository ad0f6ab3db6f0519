using System.Text.Json;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// samples/hello published as a linux/amd64 + linux/arm64 image, judged by independent tools:
/// skopeo reads the layout and the tarball, umoci unpacks each platform, podman (runc) loads and
/// runs it, qemu runs the arm64 binary.
/// </summary>
[TestClass]
public sealed class ImagePublishTests
{
    private static GoProject _hello = null!;
    private static CommandResult _publish = null!;
    private static string _digest = "";
    private static OciLayout _layout = null!;
    private static string _archive = "";

    [ClassInitialize]
    public static void PublishHello(TestContext context)
    {
        _hello = GoProject.FromSample("hello");
        Directory.CreateDirectory(_hello.PathOf("config"));
        File.WriteAllText(_hello.PathOf("config/app.yaml"), "greeting: hi\n");
        _hello.AddToProject("""
              <ItemGroup>
                <ContainerFile Include="config/app.yaml" TargetPath="/etc/hello/app.yaml" Mode="0640" />
                <ContainerEnvironmentVariable Include="HELLO_MODE" Value="a+b=c" />
                <ContainerPort Include="9090/udp" />
              </ItemGroup>
            """);
        _archive = _hello.PathOf("out/hello-image.tar");
        _publish = _hello.Publish($"-p:ContainerArchiveOutputPath={_archive}", "-getProperty:GeneratedContainerDigest");
        _digest = _publish.Output.Trim().Split('\n')[^1].Trim();
        _layout = new OciLayout(_hello.LayoutPath);
    }

    [ClassCleanup]
    public static void Cleanup() => _hello.Dispose();

    [TestMethod]
    public void Publish_Succeeds_AndPrintsTheDigest()
    {
        Assert.IsTrue(_publish.Succeeded, _publish.ToString());
        StringAssert.Matches(_digest, new System.Text.RegularExpressions.Regex("^sha256:[0-9a-f]{64}$"), _publish.ToString());
    }

    [TestMethod]
    public void Skopeo_ReadsTheLayout_AndTheIndexDigestIsGeneratedContainerDigest()
    {
        var raw = Peers.Skopeo("inspect", "--raw", $"oci:{_layout.Path}:latest");
        Peers.Expect(raw);
        var bytes = System.Text.Encoding.UTF8.GetBytes(raw.Output.TrimEnd('\n'));
        Assert.AreEqual(_digest, "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        Assert.AreEqual(_digest, _layout.ImageIndexDigest);
        Assert.AreEqual(JsonValueKind.Array, _layout.ImageIndex.GetProperty("manifests").ValueKind);
        CollectionAssert.AreEquivalent(new[] { "amd64", "arm64" }, _layout.ImageIndex.GetProperty("manifests").EnumerateArray()
            .Select(m => m.GetProperty("platform").GetProperty("architecture").GetString()).ToArray());
    }

    [TestMethod]
    public void Layout_IsTaggedWithTheSemVerTags()
    {
        CollectionAssert.AreEqual(new[] { "1.4.2", "1.4", "1", "latest" }, _layout.Tags.ToArray());
        Peers.Expect(Peers.Skopeo("inspect", $"oci:{_layout.Path}:1.4"));
    }

    [TestMethod]
    public void Config_CarriesUserPortsEnvironmentEntrypointAndHealthcheck()
    {
        var config = _layout.Config("amd64").GetProperty("config");
        Assert.AreEqual("65532:65532", config.GetProperty("User").GetString());
        Assert.AreEqual("/app/hello", config.GetProperty("Entrypoint")[0].GetString());
        CollectionAssert.AreEquivalent(new[] { "8080/tcp", "9090/udp" }, config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).ToArray());
        CollectionAssert.Contains(config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToArray(), "HELLO_MODE=a+b=c");
        CollectionAssert.AreEqual(new[] { "CMD", "/app/hello", "-healthcheck" }, config.GetProperty("Healthcheck").GetProperty("Test").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.AreEqual(30_000_000_000, config.GetProperty("Healthcheck").GetProperty("Interval").GetInt64());
        Assert.AreEqual("1.4.2", config.GetProperty("Labels").GetProperty("org.opencontainers.image.version").GetString());
        Assert.AreEqual("1970-01-01T00:00:00Z", _layout.Config("amd64").GetProperty("created").GetString());
    }

    [TestMethod]
    [DataRow("amd64", "linux_amd64")]
    [DataRow("arm64", "linux_arm64")]
    public void Umoci_UnpacksEachPlatform_WithBinaryBaseFilesAndContainerFile(string architecture, string platformDirectory)
    {
        var rootfs = Peers.UnpackPlatform(_layout.Path, "latest", architecture, _hello.PathOf("unpack"));

        CollectionAssert.AreEqual(File.ReadAllBytes(_hello.ReleaseBinary(platformDirectory)), File.ReadAllBytes(Path.Combine(rootfs, "app/hello")));
        var tmp = File.GetUnixFileMode(Path.Combine(rootfs, "tmp"));
        Assert.AreEqual((UnixFileMode)0b1_111_111_111, tmp, "/tmp must be 01777");
        Assert.IsTrue(new FileInfo(Path.Combine(rootfs, "etc/ssl/certs/ca-certificates.crt")).Length > 100_000);
        var passwd = File.ReadAllText(Path.Combine(rootfs, "etc/passwd"));
        StringAssert.Contains(passwd, "nonroot:x:65532:65532:");
        StringAssert.Contains(passwd, "nobody:x:65534:65534:");
        Assert.IsTrue(File.Exists(Path.Combine(rootfs, "usr/share/zoneinfo/Europe/Berlin")));
        Assert.AreEqual("greeting: hi\n", File.ReadAllText(Path.Combine(rootfs, "etc/hello/app.yaml")));
        Assert.AreEqual((UnixFileMode)0b110_100_000, File.GetUnixFileMode(Path.Combine(rootfs, "etc/hello/app.yaml")));
    }

    [TestMethod]
    public void Arm64Rootfs_BinaryRunsUnderQemu()
    {
        var rootfs = Peers.UnpackPlatform(_layout.Path, "latest", "arm64", _hello.PathOf("unpack-qemu"));
        var run = Peers.Run("qemu-aarch64-static", [Path.Combine(rootfs, "app/hello"), "-version"]);
        Peers.Expect(run);
        Assert.AreEqual("1.4.2", run.Output.Trim());
    }

    [TestMethod]
    public void Skopeo_ReadsTheArchiveAsOciArchive_ForBothPlatforms()
    {
        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            var inspect = Peers.Skopeo("inspect", "--override-arch", architecture, $"oci-archive:{_archive}:goimage/hello:1.4.2");
            Peers.Expect(inspect);
            Assert.AreEqual(architecture, JsonDocument.Parse(inspect.Output).RootElement.GetProperty("Architecture").GetString());
        }
    }

    [TestMethod]
    public void Podman_LoadsTheArchive_AndRunsTheAmd64ImageAsNonRoot()
    {
        using var podman = new Podman(_hello.Root);
        var load = podman.Run("load", "-i", _archive);
        Peers.Expect(load);
        StringAssert.Contains(load.Output, "localhost/goimage/hello:1.4.2");

        var whoami = podman.RunContainer("localhost/goimage/hello:1.4.2", "-whoami");
        Peers.Expect(whoami);
        Assert.AreEqual("uid=65532 gid=65532", whoami.Output.Trim());
        var version = podman.RunContainer("localhost/goimage/hello:1.4.2", "-version");
        Peers.Expect(version);
        Assert.AreEqual("1.4.2", version.Output.Trim());
    }

    [TestMethod]
    public void LocalRegistryPodman_LoadsTheImageIntoTheEngine()
    {
        using var podman = new Podman(_hello.Root);
        // Through the environment: '=' and ';' inside a -p: value would be taken apart by the command line.
        _hello.Environment["LocalRegistryArguments"] = string.Join(';', podman.GlobalOptions);
        CommandResult publish;
        try
        {
            publish = _hello.Publish("-p:LocalRegistry=podman");
        }
        finally
        {
            _hello.Environment.Remove("LocalRegistryArguments");
        }

        Assert.IsTrue(publish.Succeeded, publish.ToString());

        var images = podman.Run("images", "--format", "{{.Repository}}:{{.Tag}}");
        Peers.Expect(images);
        StringAssert.Contains(images.Output, "localhost/goimage/hello:1.4.2");
    }
}
