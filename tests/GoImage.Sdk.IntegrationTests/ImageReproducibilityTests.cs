namespace GoImage.Sdk.IntegrationTests;

/// <summary>Reproducible means byte-identical: the same project in two places, on differently set up machines, gives the same image.</summary>
[TestClass]
public sealed class ImageReproducibilityTests
{
    private const string Epoch = "1700000000";
    private const string EpochTime = "2023-11-14T22:13:20Z";

    [TestMethod]
    public void TwoDirectories_DifferentTzUmaskAndTemp_GiveTheSameDigestAndBlobs()
    {
        using var first = GoProject.FromSample("hello");
        using var second = GoProject.FromSample("hello");
        foreach (var project in new[] { first, second })
        {
            project.Environment["SOURCE_DATE_EPOCH"] = Epoch;
        }

        // The second machine: its own caches (nothing shared with the first), another time zone, temp folder and umask.
        second.Environment["GOCACHE"] = Path.Combine(second.Root, "gocache");
        second.Environment["GOIMAGE_CACHE"] = Path.Combine(second.Root, "goimage-cache");
        second.Environment["TZ"] = "Pacific/Kiritimati";
        second.Environment["TMPDIR"] = Directory.CreateDirectory(Path.Combine(second.Root, "tmp")).FullName;

        var a = first.Publish();
        var b = Command.Run("sh", ["-c", "umask 0077 && exec dotnet \"$@\"", "sh", "publish", second.ProjectFile, "-p:PublishImage=true", "-nodeReuse:false", "-nologo"],
            second.Directory, second.Environment);

        Assert.IsTrue(a.Succeeded, a.ToString());
        Assert.IsTrue(b.Succeeded, b.ToString());
        Assert.AreNotEqual(first.Directory, second.Directory);
        var (left, right) = (new OciLayout(first.LayoutPath), new OciLayout(second.LayoutPath));
        Assert.AreEqual(left.ImageIndexDigest, right.ImageIndexDigest);
        var (leftFiles, rightFiles) = (left.Files(), right.Files());
        CollectionAssert.AreEqual(leftFiles.Keys.ToArray(), rightFiles.Keys.ToArray());
        foreach (var (path, bytes) in leftFiles)
        {
            CollectionAssert.AreEqual(bytes, rightFiles[path], path);
        }
    }

    [TestMethod]
    public void SourceDateEpoch_SetsCreatedInConfigHistoryAndAnnotations()
    {
        using var project = GoProject.FromSample("hello");
        project.Environment["SOURCE_DATE_EPOCH"] = Epoch;

        var publish = project.Publish();

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        var layout = new OciLayout(project.LayoutPath);
        var config = layout.Config("amd64");
        Assert.AreEqual(EpochTime, config.GetProperty("created").GetString());
        Assert.IsTrue(config.GetProperty("history").EnumerateArray().All(h => h.GetProperty("created").GetString() == EpochTime));
        Assert.AreEqual(EpochTime, layout.ImageIndex.GetProperty("annotations").GetProperty("org.opencontainers.image.created").GetString());
        Assert.AreEqual(EpochTime, layout.Manifest("arm64").GetProperty("annotations").GetProperty("org.opencontainers.image.created").GetString());

        var rootfs = Peers.UnpackPlatform(project.LayoutPath, "latest", "amd64", project.PathOf("unpack"));
        Assert.AreEqual(DateTimeOffset.FromUnixTimeSeconds(1700000000).UtcDateTime, File.GetLastWriteTimeUtc(Path.Combine(rootfs, "app/hello")));
    }
}
