using GoImage.Tool.Scaffolding;

namespace GoImage.Tool.Tests.Scaffolding;

[TestClass]
public sealed class ModuleRepositoryNameTests
{
    [TestMethod]
    [DataRow("example.com/shop/api", "shop/api")]
    [DataRow("github.com/Acme/Shop_API/v2", "acme/shop_api")]
    [DataRow("example.com/hello", "hello")]
    [DataRow("hello", "hello")]
    [DataRow("localhost:5000/team/svc", "team/svc")]
    [DataRow("gitlab.example.com/group/sub group/My App", "group/sub-group/my-app")]
    public void From_DropsTheHostAndVersionAndLowercases(string modulePath, string expected) =>
        Assert.AreEqual(expected, ModuleRepositoryName.From(modulePath, "fallback"));

    [TestMethod]
    public void From_UsesTheFallbackWhenTheModulePathGivesNoValidName() =>
        Assert.AreEqual("my-folder", ModuleRepositoryName.From("example.com/___", "My Folder"));

    [TestMethod]
    [DataRow("example.com/shop/api", "api")]
    [DataRow("example.com/shop/api/v3", "api")]
    [DataRow("hello", "hello")]
    public void LastElement_IsWhatGoBuildNamesTheBinary(string modulePath, string expected) =>
        Assert.AreEqual(expected, ModuleRepositoryName.LastElement(modulePath));
}
