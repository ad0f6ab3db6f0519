using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks.Tests;

[TestClass]
public sealed class GoResolvePlatformsTests
{
    [TestMethod]
    public void Platforms_BecomeOneBinaryEachWithMetadata()
    {
        var engine = new FakeBuildEngine();
        var task = new GoResolvePlatforms { BuildEngine = engine, Platforms = ["linux/amd64", "linux/arm/v7"], OutputDirectory = "/out/", BinaryName = "api" };

        Assert.IsTrue(task.Execute(), engine.Log);

        CollectionAssert.AreEqual(new[] { "/out/linux_amd64/api", "/out/linux_arm_v7/api" }, task.Binaries.Select(b => b.ItemSpec).ToArray());
        ITaskItem arm = task.Binaries[1];
        Assert.AreEqual("linux/arm/v7", arm.GetMetadata("Platform"));
        Assert.AreEqual("arm", arm.GetMetadata("GoArch"));
        Assert.AreEqual("v7", arm.GetMetadata("GoVariant"));
        Assert.AreEqual("linux_arm_v7", arm.GetMetadata("PlatformDirectory"));
    }

    [TestMethod]
    public void NoPlatforms_MeansLinuxOnTheHostArchitecture()
    {
        var task = new GoResolvePlatforms { BuildEngine = new FakeBuildEngine(), OutputDirectory = "/out/", BinaryName = "api" };

        Assert.IsTrue(task.Execute());

        Assert.AreEqual(1, task.Binaries.Length);
        StringAssert.StartsWith(task.Binaries[0].GetMetadata("Platform"), "linux/");
    }

    [TestMethod]
    public void InvalidPlatform_LogsGOI1004AndProducesNothing()
    {
        var engine = new FakeBuildEngine();
        var task = new GoResolvePlatforms { BuildEngine = engine, Platforms = ["linux/amd64", "linux/sparc"], OutputDirectory = "/out/", BinaryName = "api" };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI1004", engine.Errors.Single().Code);
        StringAssert.Contains(engine.Errors[0].Message, "linux/sparc");
        Assert.AreEqual(0, task.Binaries.Length);
    }

    [TestMethod]
    public void DuplicatePlatform_LogsGOI1017()
    {
        var engine = new FakeBuildEngine();
        var task = new GoResolvePlatforms { BuildEngine = engine, Platforms = ["linux/arm64", " linux/arm64 "], OutputDirectory = "/out/", BinaryName = "api" };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI1017", engine.Errors.Single().Code);
    }
}
