using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Registry;
using GoImage.Testing;
using static GoImage.Core.Tests.Registry.RegistryTestKit;

namespace GoImage.Core.Tests.Registry;

/// <summary>A re-push trusts the record of the last push only while the registry still has what it names.</summary>
[TestClass]
public sealed class PushRecordTests
{
    private static readonly string[] Tags = ["1.0", "latest"];

    [TestMethod]
    public async Task RePush_WithTheRecordedIndexStillThere_AsksForNoBlobAndChecksTheIndexOnce()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(Path.Combine(temp.Path, "layout"));
        var record = new PushRecord(Path.Combine(temp.Path, "pushed"));
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        await PushAsync(client, image, Tags, record: record);
        registry.ClearRecords();

        // Act
        var result = await PushAsync(client, image, Tags, record: record);

        // Assert
        Assert.AreEqual(0, result.Uploaded);
        Assert.AreEqual(image.Blobs.Count, result.AlreadyPresent);
        Assert.AreEqual(0, Count(registry, "HEAD", "/blobs/"), Log(registry));
        Assert.AreEqual(1, Count(registry, "HEAD", $"/manifests/{image.IndexDigest}"), Log(registry));
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
    }

    [TestMethod]
    public async Task RePush_ToARegistryThatWasWiped_UploadsEveryBlobAgain()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(Path.Combine(temp.Path, "layout"));
        var record = new PushRecord(Path.Combine(temp.Path, "pushed"));
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        await PushAsync(client, image, Tags, record: record);
        registry.Wipe();

        // Act
        var result = await PushAsync(client, image, Tags, record: record);

        // Assert
        Assert.AreEqual(image.Blobs.Count, result.Uploaded);
        foreach (var (digest, bytes) in image.Blobs)
        {
            CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, digest.ToString()), $"blob {digest}");
        }

        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
    }

    [TestMethod]
    public async Task RePush_ToARegistryThatLostABlobButKeptTheIndex_UploadsThatBlobAgain()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(Path.Combine(temp.Path, "layout"));
        var record = new PushRecord(Path.Combine(temp.Path, "pushed"));
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        await PushAsync(client, image, Tags, record: record);
        var lost = image.Layers[0];
        registry.RemoveBlob(Repository, lost.ToString());

        // Act
        var result = await PushAsync(client, image, Tags, record: record);

        // Assert
        Assert.AreEqual(1, result.Uploaded, Log(registry));
        CollectionAssert.AreEqual(image.Blobs[lost], registry.GetBlob(Repository, lost.ToString()));
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
    }

    [TestMethod]
    public async Task RecordCutShort_IsIgnoredAndThePushAsksForEveryBlob()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(Path.Combine(temp.Path, "layout"));
        var folder = Path.Combine(temp.Path, "pushed");
        var record = new PushRecord(folder);
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        await PushAsync(client, image, Tags, record: record);
        var file = Directory.GetFiles(folder).Single();
        File.WriteAllText(file, File.ReadAllText(file)[..40]);
        registry.ClearRecords();

        // Act
        await PushAsync(client, image, Tags, record: record);

        // Assert
        Assert.AreEqual(image.Blobs.Count, Count(registry, "HEAD", "/blobs/"), Log(registry));
    }

    [TestMethod]
    public async Task Record_IsPerRepository()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(Path.Combine(temp.Path, "layout"));
        var record = new PushRecord(Path.Combine(temp.Path, "pushed"));
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        await PushAsync(client, image, Tags, record: record);

        // Act
        var known = record.Read(registry.Host, Repository);
        var other = record.Read(registry.Host, Repository + "-other");

        // Assert
        Assert.IsNotNull(known);
        Assert.AreEqual(image.IndexDigest, known.Value.Index);
        Assert.IsTrue(image.Blobs.Keys.All(known.Value.Present.Contains));
        Assert.IsNull(other);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("  ")]
    [DataRow("none")]
    [DataRow(" None ")]
    public void FromSetting_EmptyOrNone_IsNoRecord(string setting) => Assert.IsNull(PushRecord.FromSetting(setting));

    [TestMethod]
    public void FromSetting_AFolder_IsItsRecord()
    {
        var record = PushRecord.FromSetting(" /var/cache/pushed ");

        Assert.AreEqual(Path.GetFullPath("/var/cache/pushed"), record?.Directory);
    }

    // The order of ContainerPushRecordDirectory's defaults in GoImage.Sdk.Image.targets (PushToolTests checks them against it).
    [TestMethod]
    [DataRow("GOIMAGE_CACHE=/c;XDG_CACHE_HOME=/x;HOME=/h", false, "/c/pushed")]
    [DataRow("GOIMAGE_CACHE=/c;LOCALAPPDATA=/l;HOME=/h", true, "/c/pushed")]
    [DataRow("LOCALAPPDATA=/l;XDG_CACHE_HOME=/x;HOME=/h", true, "/l/GoImage/pushed")]
    [DataRow("LOCALAPPDATA=/l;XDG_CACHE_HOME=/x;HOME=/h", false, "/x/goimage/pushed")]
    [DataRow("GOIMAGE_CACHE=;XDG_CACHE_HOME=;HOME=/h", false, "/h/.cache/goimage/pushed")]
    [DataRow("GOIMAGE_CACHE=;XDG_CACHE_HOME=", false, null)]
    public void DefaultDirectory_FollowsTheSdksOrder(string variables, bool windows, string? expected)
    {
        var environment = variables.Split(';').Select(v => v.Split('=')).ToDictionary(v => v[0], v => v[1]);

        var directory = PushRecord.DefaultDirectory(name => environment.GetValueOrDefault(name), windows);

        Assert.AreEqual(expected?.Replace('/', Path.DirectorySeparatorChar), directory?.Replace('/', Path.DirectorySeparatorChar));
    }
}
