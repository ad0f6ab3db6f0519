namespace GoImage.Sdk.IntegrationTests;

[TestClass]
public sealed class ReproducibilityTests
{
    [TestMethod]
    public void SameSourcesInTwoDirectories_GiveByteIdenticalBinaries()
    {
        using var first = GoProject.FromSample("hello");
        using var second = GoProject.FromSample("hello");
        second.Environment["GOCACHE"] = Path.Combine(second.Root, "own-gocache");
        second.Environment["TZ"] = "Pacific/Kiritimati";

        var a = first.Build();
        var b = second.Build();

        Assert.IsTrue(a.Succeeded, a.ToString());
        Assert.IsTrue(b.Succeeded, b.ToString());
        Assert.AreNotEqual(first.Directory, second.Directory);
        foreach (var platform in new[] { "linux_amd64", "linux_arm64" })
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(first.Binary(platform)), File.ReadAllBytes(second.Binary(platform)), platform);
        }
    }
}
