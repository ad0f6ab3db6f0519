using GoImage.Testing;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>Issue 12 through the packed SDK: links read as their targets, nothing outside the repository, caches repaired.</summary>
[TestClass]
public sealed class HostileInputTests
{
    [TestMethod]
    public void SymlinkedContainerFile_GivesTheTargetsExactBytes_AndALinkOutsideIsGOI2040()
    {
        using var project = GoProject.FromSample("hello");
        var big = project.PathOf("big.conf");
        File.WriteAllText(big, string.Concat(Enumerable.Range(0, 700).Select(i => $"line {i}\n")));
        File.CreateSymbolicLink(project.PathOf("cfglink"), "big.conf");
        File.CreateSymbolicLink(project.PathOf("passwdlink"), "/etc/passwd");
        project.AddToProject("""<ItemGroup><ContainerFile Include="cfglink" TargetPath="/etc/big.conf" /></ItemGroup>""");

        var publish = project.Publish();

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        var rootfs = Peers.UnpackPlatform(project.LayoutPath, "latest", "amd64", project.PathOf("unpack"));
        CollectionAssert.AreEqual(File.ReadAllBytes(big), File.ReadAllBytes(Path.Combine(rootfs, "etc/big.conf")));

        project.AddToProject("""<ItemGroup><ContainerFile Include="passwdlink" TargetPath="/etc/passwd2" /></ItemGroup>""");
        var outside = project.Publish();

        Assert.IsFalse(outside.Succeeded);
        StringAssert.Contains(outside.Output, "GOI2040");
        Assert.IsFalse(outside.Output.Contains("MSB4018", StringComparison.Ordinal), outside.ToString());
    }

    [TestMethod]
    public void FlippedBytesInTheCachesAndTheLayout_AreRepaired_WithTheSameDigest()
    {
        using var project = GoProject.FromSample("hello");
        project.Environment["GOIMAGE_CACHE"] = project.PathOf("goimage-cache");
        var first = project.Publish();
        Assert.IsTrue(first.Succeeded, first.ToString());
        var reference = new OciLayout(project.LayoutPath).ImageIndexDigest;
        static void Flip(string path)
        {
            var bytes = File.ReadAllBytes(path);
            bytes[bytes.Length / 2] ^= 1;
            File.WriteAllBytes(path, bytes);
        }

        static string Largest(string directory, string pattern) =>
            Directory.GetFiles(directory, pattern).OrderByDescending(f => new FileInfo(f).Length).First();

        Flip(Largest(project.PathOf("obj/Release/image/layers"), "*.tar.gz"));
        Flip(Largest(project.PathOf("goimage-cache/layers"), "*.tar.gz"));
        Flip(Largest(LayoutFiles.BlobsFolder(project.LayoutPath), "*"));

        var second = project.Publish();

        Assert.IsTrue(second.Succeeded, second.ToString());
        StringAssert.Contains(second.Output, "GOI2045");
        StringAssert.Contains(second.Output, "GOI2046");
        Assert.AreEqual(reference, new OciLayout(project.LayoutPath).ImageIndexDigest);
        Peers.Expect(Peers.Skopeo("copy", "-q", "--all", $"oci:{project.LayoutPath}:latest", $"dir:{project.PathOf("copy")}"));
    }
}
