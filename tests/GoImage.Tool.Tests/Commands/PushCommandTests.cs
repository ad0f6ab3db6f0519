using GoImage.Tool.Commands;

namespace GoImage.Tool.Tests.Commands;

[TestClass]
public sealed class PushCommandTests
{
    [TestMethod]
    public async Task DestinationWithDigest_IsRefusedBeforeAnythingIsRead()
    {
        var run = await ImageCommandRun.InvokeAsync(PushCommand.Create(), "./missing", "127.0.0.1:5000/shop/api@sha256:" + new string('a', 64));

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, "error GOI4063: ");
    }

    [TestMethod]
    public async Task InvalidDestination_IsAUsageError()
    {
        var run = await ImageCommandRun.InvokeAsync(PushCommand.Create(), "./missing", "https://registry.example.com/shop/api");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, "error GOI4055: ");
    }

    [TestMethod]
    public async Task MissingImage_IsAUsageError()
    {
        var run = await ImageCommandRun.InvokeAsync(PushCommand.Create(), "./no/such/image.tar", "127.0.0.1:5000/shop/api:1.0");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, "error GOI4030: ");
    }
}
