namespace GoImage.Sdk.Tasks.Tests;

[TestClass]
public sealed class GoVendorCheckTests
{
    [TestMethod]
    public void NoVendorFolderInAutoMode_ChecksNothing()
    {
        using var temp = new TempDirectory();
        temp.Write("go.mod", "module example.com/app\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n");
        var engine = new FakeBuildEngine();

        Assert.IsTrue(new GoVendorCheck { BuildEngine = engine, ModuleDirectory = temp.Path }.Execute(), engine.Log);
    }

    [TestMethod]
    public void ForcedVendorModeWithoutModulesTxt_LogsGOI1101()
    {
        using var temp = new TempDirectory();
        temp.Write("go.mod", "module example.com/app\n\ngo 1.22\n");
        var engine = new FakeBuildEngine();

        Assert.IsFalse(new GoVendorCheck { BuildEngine = engine, ModuleDirectory = temp.Path, GoModMode = "vendor" }.Execute());

        Assert.AreEqual("GOI1101", engine.Errors.Single().Code);
    }

    [TestMethod]
    public void StaleVendorFolder_LogsEachModuleWithModulesTxtAsTheFile()
    {
        using var temp = new TempDirectory();
        temp.Write("go.mod", "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v2.0.0\n)\n");
        var modulesTxt = temp.Write("vendor/modules.txt", "# example.com/a v0.9.0\n## explicit; go 1.21\nexample.com/a\n");
        temp.Write("vendor/example.com/a/a.go", "package a\n");
        var engine = new FakeBuildEngine();

        Assert.IsFalse(new GoVendorCheck { BuildEngine = engine, ModuleDirectory = temp.Path, GoVersion = "go1.23.5" }.Execute());

        CollectionAssert.AreEquivalent(new[] { "GOI1103", "GOI1102", "GOI1105" }, engine.Errors.Select(e => e.Code).ToArray(), engine.Log);
        Assert.IsTrue(engine.Errors.All(e => e.File == modulesTxt));
    }

    [TestMethod]
    public void UnknownModMode_LogsGOI1007()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();

        Assert.IsFalse(new GoVendorCheck { BuildEngine = engine, ModuleDirectory = temp.Path, GoModMode = "sometimes" }.Execute());

        Assert.AreEqual("GOI1007", engine.Errors.Single().Code);
    }
}
