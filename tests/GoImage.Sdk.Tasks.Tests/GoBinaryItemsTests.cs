using GoImage.Diagnostics;
using GoImage.Go;
using GoImage.Images;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks.Tests;

[TestClass]
public sealed class GoBinaryItemsTests
{
    [TestMethod]
    public void ABuildTarget_MadeAnItemAndCopiedAsMSBuildCopiesOutputs_ReadsBackTheSame()
    {
        var target = new GoBuildTarget(new GoPlatform("linux", "arm", "v7"), "/out/linux_arm_v7/a;b%3B$(c)");

        var item = new TaskItem(GoBinaryItems.ToItem(target));
        var diagnostics = new List<Diagnostic>();
        var read = GoBinaryItems.Read([item], "/elsewhere", diagnostics);

        Assert.AreEqual(0, diagnostics.Count);
        Assert.AreEqual(target, read.Single());
        Assert.AreEqual("/out/linux_arm_v7/a;b%3B$(c)", item.ItemSpec);
        Assert.AreEqual("v7", item.GetMetadata("GoVariant"));
        Assert.AreEqual("linux_arm_v7", item.GetMetadata("PlatformDirectory"));
    }

    [TestMethod]
    public void ARelativeBinaryPath_IsTakenFromTheGivenFolder()
    {
        var item = new TaskItem("bin/api", new Dictionary<string, string> { ["Platform"] = "linux/amd64" });

        var read = GoBinaryItems.Read([item], "/project", []);

        Assert.AreEqual("/project/bin/api", read.Single().OutputPath);
    }

    [TestMethod]
    public void ABadPlatform_IsGOI1004_AndTheOthersAreStillRead()
    {
        var items = new[]
        {
            new TaskItem("/out/a", new Dictionary<string, string> { ["Platform"] = "linux/sparc" }),
            new TaskItem("/out/b", new Dictionary<string, string> { ["Platform"] = "linux/amd64" }),
        };
        var diagnostics = new List<Diagnostic>();

        var read = GoBinaryItems.Read(items, "/", diagnostics);

        Assert.AreEqual("GOI1004", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, "linux/sparc");
        Assert.AreEqual("/out/b", read.Single().OutputPath);
    }

    [TestMethod]
    public void ForAnImage_AWindowsBinaryIsGOI2017_AndNoBinaryIsGOI2014()
    {
        var windows = new List<Diagnostic>();
        var none = new List<Diagnostic>();

        var read = GoBinaryItems.ReadForImage([new TaskItem("/out/a.exe", new Dictionary<string, string> { ["Platform"] = "windows/amd64" })], "/", windows);
        GoBinaryItems.ReadForImage([], "/", none);

        Assert.AreEqual(0, read.Count);
        Assert.AreEqual("GOI2017", windows.Single().Code);
        Assert.AreEqual("GOI2014", none.Single().Code);
    }

    [TestMethod]
    public void ForAnImage_TheGoPlatformBecomesTheImagePlatform()
    {
        var read = GoBinaryItems.ReadForImage([new TaskItem("/out/api", new Dictionary<string, string> { ["Platform"] = "linux/arm64/v8" })], "/", []);

        Assert.AreEqual((new ImagePlatform("linux", "arm64", "v8"), "/out/api"), read.Single());
    }
}
