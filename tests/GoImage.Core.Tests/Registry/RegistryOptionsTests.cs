using GoImage.Diagnostics;
using GoImage.Registry;

namespace GoImage.Core.Tests.Registry;

[TestClass]
public sealed class RegistryOptionsTests
{
    [TestMethod]
    [DataRow("127.0.0.1:5000")]
    [DataRow("localhost:5000")]
    [DataRow("[::1]:5000")]
    [DataRow("127.0.0.2")]
    public void LoopbackRegistries_MaySpeakPlainHttp(string registry)
    {
        Assert.IsTrue(new RegistryOptions().AllowsPlainHttp(registry));
    }

    [TestMethod]
    [DataRow("registry.example.com")]
    [DataRow("10.0.0.5:5000")]
    [DataRow("localhost.example.com:5000")]
    public void OtherRegistries_NeedHttps_UnlessListed(string registry)
    {
        Assert.IsFalse(new RegistryOptions().AllowsPlainHttp(registry));
        Assert.IsTrue(new RegistryOptions { InsecureRegistries = [registry.ToUpperInvariant()] }.AllowsPlainHttp(registry));
    }

    [TestMethod]
    public void From_ReadsTheInsecureListAndTheTimeout()
    {
        var diagnostics = new List<Diagnostic>();

        var options = RegistryOptions.From(" a.example:5000 ; b.example ", "7", chunkedUploads: true, diagnostics);

        Assert.AreEqual(0, diagnostics.Count);
        CollectionAssert.AreEqual(new[] { "a.example:5000", "b.example" }, options.InsecureRegistries.ToArray());
        Assert.AreEqual(TimeSpan.FromSeconds(7), options.IdleTimeout);
        Assert.IsTrue(options.ChunkedUploads);
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("-5")]
    [DataRow("ten")]
    public void From_ABadTimeout_IsGoi3027(string timeout)
    {
        var diagnostics = new List<Diagnostic>();

        RegistryOptions.From("", timeout, chunkedUploads: false, diagnostics);

        Assert.AreEqual("GOI3027", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, "ContainerRegistryTimeout");
    }
}
