using System.Text;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// The start check end to end: a binary linked with <c>GoCgoLinkMode=dynamic</c> (or a raw <c>-buildmode=pie</c>) is
/// refused on the embedded base with nothing written; on glibc bases built here from Debian's libc6 packages (apt-get
/// download, umoci, pushed with skopeo to the loopback registry) it passes — podman runs the amd64 image, qemu the arm64
/// binary against the base's own loader; on a copy of the amd64 base whose libc lacks a version the binary needs, it is
/// refused again.
/// </summary>
[TestClass]
public sealed class StartCheckTests
{
    private static RegistryServer _registry = null!;
    private static string _work = "";
    private static string _glibc = "";
    private static string _glibcArm64 = "";
    private static string _rootfsArm64 = "";
    private static string _oldGlibc = "";
    private static string _removedVersion = "";

    [ClassInitialize]
    public static async Task BuildTheBases(TestContext context)
    {
        _registry = await RegistryServer.StartAsync();
        _work = GoProject.NewTempDirectory();
        var debs = Path.Combine(_work, "debs");
        Directory.CreateDirectory(debs);
        Expect(Command.Run("apt-get", ["download", "libc6"], debs));
        var rootfs = Path.Combine(_work, "rootfs");
        Expect(Command.Run("dpkg-deb", ["-x", Directory.GetFiles(debs, "libc6_*.deb").Single(), rootfs], _work));

        _glibc = PushBase(rootfs, "glibc", "amd64");

        Expect(Command.Run("apt-get", ["download", "libc6:arm64"], debs));
        _rootfsArm64 = Path.Combine(_work, "rootfs-arm64");
        Expect(Command.Run("dpkg-deb", ["-x", Directory.GetFiles(debs, "libc6_*_arm64.deb").Single(), _rootfsArm64], _work));
        _glibcArm64 = PushBase(_rootfsArm64, "glibc-arm64", "arm64");

        // An older glibc, made from this one: a version the cgo binary needs renamed in libc's string table, so it is not defined.
        var libc = Directory.GetFiles(rootfs, "libc.so.6", SearchOption.AllDirectories).Single();
        _removedVersion = "GLIBC_2.34";
        var bytes = File.ReadAllBytes(libc);
        Assert.IsTrue(Replace(bytes, _removedVersion + "\0", "GLIBC_9.99\0") > 0, "Debian's libc defines " + _removedVersion);
        File.Delete(libc);
        File.WriteAllBytes(libc, bytes);
        _oldGlibc = PushBase(rootfs, "old-glibc", "amd64");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _registry.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [TestMethod]
    public void ADynamicCgoBinary_OnTheEmbeddedBase_IsGoi2112_AndNoLayoutIsWritten()
    {
        using var app = DynamicCgo("linux/amd64", baseImage: null);

        var publish = app.Publish();

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "error GOI2112:");
        StringAssert.Contains(publish.Output, "linux/amd64 is dynamically linked: it needs the program interpreter /lib64/ld-linux-x86-64.so.2");
        Assert.IsFalse(Directory.Exists(app.LayoutPath), "no layout is written");
    }

    [TestMethod]
    public void ARawPieBuildFlag_OnTheEmbeddedBase_IsGoi2112_Too()
    {
        // Go's own linker gives -buildmode=pie the loader /lib64/ld-linux-x86-64.so.2: flags passed around the SDK's
        // properties are checked like the properties' own output.
        using var app = GoProject.FromSample("hello");
        app.AddToProject("""
              <PropertyGroup>
                <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
                <GoBuildFlags>-buildmode=pie</GoBuildFlags>
              </PropertyGroup>
            """);

        var publish = app.Publish();

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "error GOI2112:");
        Assert.IsFalse(Directory.Exists(app.LayoutPath), "no layout is written");
    }

    [TestMethod]
    public void TheDynamicCgoBinary_OnTheGlibcBase_PassesAndPodmanRunsIt()
    {
        using var app = DynamicCgo("linux/amd64", _glibc);

        var publish = app.Publish($"-p:ContainerRegistry={_registry.Host}", "-p:ContainerRepository=goimage/cgo-on-glibc", "-p:ContainerImageTag=dynamic");

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        using var podman = new Podman(app.Root);
        Expect(podman.Run("pull", "--tls-verify=false", $"{_registry.Host}/goimage/cgo-on-glibc:dynamic"));
        var run = podman.RunContainer($"{_registry.Host}/goimage/cgo-on-glibc:dynamic", "start-check");
        Expect(run);
        StringAssert.Contains(run.Output, "on linux/amd64");
    }

    [TestMethod]
    public void TheDynamicArm64CgoBinary_OnTheArm64GlibcBase_Passes_AndRunsOnTheBasesLoaderUnderQemu()
    {
        using var app = DynamicCgo("linux/arm64", _glibcArm64);

        var publish = app.Publish();

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        Assert.IsTrue(Directory.Exists(app.LayoutPath), "the layout is written");
        // No binfmt here for podman to run arm64 images: qemu runs the binary with the base's own files as its root
        // (-L), so the loader and libc it finds are exactly the ones the check found in the base.
        var run = Command.Run("qemu-aarch64-static", ["-L", _rootfsArm64, app.ReleaseBinary("linux_arm64")], _work);
        Expect(run);
        StringAssert.Contains(run.Output, "on linux/arm64");
    }

    [TestMethod]
    public void ADynamicCgoBinary_OnABaseWithAnOlderGlibc_IsGoi2115_AndNoLayoutIsWritten()
    {
        using var app = DynamicCgo("linux/amd64", _oldGlibc);

        var publish = app.Publish();

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "error GOI2115:");
        StringAssert.Contains(publish.Output, $"needs libc.so.6 to define {_removedVersion}");
        Assert.IsFalse(Directory.Exists(app.LayoutPath), "no layout is written");
    }

    // samples/cgo for one platform, linked against the C library dynamically.
    private static GoProject DynamicCgo(string platform, string? baseImage)
    {
        var app = GoProject.FromSample("cgo");
        app.AddToProject($"""
              <PropertyGroup>
                <GoTargetPlatforms>{platform}</GoTargetPlatforms>
                <GoCgoLinkMode>dynamic</GoCgoLinkMode>
                {(baseImage is null ? "" : $"<ContainerBaseImage>{baseImage}</ContainerBaseImage>")}
              </PropertyGroup>
            """);
        return app;
    }

    // umoci builds a one-layer linux image of the folder; skopeo pushes it. Returns the pushed reference.
    private static string PushBase(string rootfs, string tag, string architecture)
    {
        var layout = Path.Combine(_work, "layout-" + tag);
        var bundle = Path.Combine(_work, "bundle-" + tag);
        Expect(Peers.Umoci("init", "--layout", layout));
        Expect(Peers.Umoci("new", "--image", $"{layout}:{tag}"));
        Expect(Peers.Umoci("config", "--image", $"{layout}:{tag}", "--os", "linux", "--architecture", architecture));
        Expect(Peers.Umoci("unpack", "--image", $"{layout}:{tag}", bundle));
        Expect(Command.Run("cp", ["-a", rootfs + "/.", Path.Combine(bundle, "rootfs")], _work));
        Expect(Peers.Umoci("repack", "--image", $"{layout}:{tag}", bundle));
        var reference = $"{_registry.Host}/goimage/start-check:{tag}";
        Expect(Peers.Skopeo("copy", "-q", "--dest-tls-verify=false", $"oci:{layout}:{tag}", $"docker://{reference}"));
        Directory.Delete(bundle, recursive: true);
        return reference;
    }

    private static int Replace(byte[] bytes, string from, string to)
    {
        var needle = Encoding.ASCII.GetBytes(from);
        var count = 0;
        for (var at = bytes.AsSpan().IndexOf(needle); at >= 0; at = bytes.AsSpan(at + 1).IndexOf(needle) is var next and >= 0 ? at + 1 + next : -1)
        {
            Encoding.ASCII.GetBytes(to).CopyTo(bytes, at);
            count++;
        }

        return count;
    }

    private static void Expect(CommandResult result) => Peers.Expect(result);
}
