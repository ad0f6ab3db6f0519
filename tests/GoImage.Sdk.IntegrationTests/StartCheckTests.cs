using System.Text;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// The start check end to end: a dynamically linked binary is refused on the embedded base with nothing written; on a
/// glibc base built here from Debian's libc6 package (apt-get download, umoci, pushed with skopeo to the loopback
/// registry) it passes and podman runs it; on a copy of that base whose libc lacks a version the binary needs, it is
/// refused again.
/// </summary>
[TestClass]
public sealed class StartCheckTests
{
    private static RegistryServer _registry = null!;
    private static string _work = "";
    private static string _glibc = "";
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

        _glibc = PushBase(rootfs, "glibc");

        // An older glibc, made from this one: a version the cgo binary needs renamed in libc's string table, so it is not defined.
        var libc = Directory.GetFiles(rootfs, "libc.so.6", SearchOption.AllDirectories).Single();
        _removedVersion = "GLIBC_2.34";
        var bytes = File.ReadAllBytes(libc);
        Assert.IsTrue(Replace(bytes, _removedVersion + "\0", "GLIBC_9.99\0") > 0, "Debian's libc defines " + _removedVersion);
        File.Delete(libc);
        File.WriteAllBytes(libc, bytes);
        _oldGlibc = PushBase(rootfs, "old-glibc");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _registry.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [TestMethod]
    public void APieBinary_OnTheEmbeddedBase_IsGoi2112_AndNoLayoutIsWritten()
    {
        using var app = Pie(baseImage: null);

        var publish = app.Publish();

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "error GOI2112:");
        StringAssert.Contains(publish.Output, "linux/amd64 is dynamically linked: it needs the program interpreter /lib64/ld-linux-x86-64.so.2");
        Assert.IsFalse(Directory.Exists(app.LayoutPath), "no layout is written");
    }

    [TestMethod]
    public void ThePieBinary_OnTheGlibcBase_PassesAndPodmanRunsIt()
    {
        using var app = Pie(_glibc);

        var publish = app.Publish($"-p:ContainerRegistry={_registry.Host}", "-p:ContainerRepository=goimage/pie-on-glibc", "-p:ContainerImageTag=pie");

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        using var podman = new Podman(app.Root);
        Expect(podman.Run("pull", "--tls-verify=false", $"{_registry.Host}/goimage/pie-on-glibc:pie"));
        var version = podman.RunContainer($"{_registry.Host}/goimage/pie-on-glibc:pie", "-version");
        Expect(version);
    }

    [TestMethod]
    public void ACgoBinary_OnABaseWithAnOlderGlibc_IsGoi2115_AndNoLayoutIsWritten()
    {
        using var app = GoProject.FromSample("hello");
        File.WriteAllText(app.PathOf("libc.go"), "package main\n\n// #include <stdlib.h>\nimport \"C\"\n\nvar _ = C.abs(1)\n");
        app.AddToProject($"""
              <PropertyGroup>
                <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
                <GoCgoEnabled>true</GoCgoEnabled>
                <ContainerBaseImage>{_oldGlibc}</ContainerBaseImage>
              </PropertyGroup>
            """);

        var publish = app.Publish();

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "error GOI2115:");
        StringAssert.Contains(publish.Output, $"needs libc.so.6 to define {_removedVersion}");
        Assert.IsFalse(Directory.Exists(app.LayoutPath), "no layout is written");
    }

    // samples/hello for linux/amd64 as a position-independent executable: Go's own linker gives it /lib64/ld-linux-x86-64.so.2.
    private static GoProject Pie(string? baseImage)
    {
        var app = GoProject.FromSample("hello");
        app.AddToProject($"""
              <PropertyGroup>
                <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
                <GoBuildFlags>-buildmode=pie</GoBuildFlags>
                {(baseImage is null ? "" : $"<ContainerBaseImage>{baseImage}</ContainerBaseImage>")}
              </PropertyGroup>
            """);
        return app;
    }

    // umoci builds a one-layer linux/amd64 image of the folder; skopeo pushes it. Returns the pushed reference.
    private static string PushBase(string rootfs, string tag)
    {
        var layout = Path.Combine(_work, "layout-" + tag);
        var bundle = Path.Combine(_work, "bundle-" + tag);
        Expect(Peers.Umoci("init", "--layout", layout));
        Expect(Peers.Umoci("new", "--image", $"{layout}:{tag}"));
        Expect(Peers.Umoci("config", "--image", $"{layout}:{tag}", "--os", "linux", "--architecture", "amd64"));
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
