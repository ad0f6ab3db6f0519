namespace GoImage.Sdk.Tasks.Tests;

[TestClass]
public sealed class GoResolveToolchainTests
{
    [TestMethod]
    public void GoRootWithoutGo_LogsGOI1001()
    {
        using var temp = new TempDirectory();
        temp.Write("app/go.mod", "module example.com/app\n\ngo 1.22\n");
        var engine = new FakeBuildEngine();
        var task = new GoResolveToolchain { BuildEngine = engine, GoRoot = temp.Path, PackageDirectory = Path.Combine(temp.Path, "app") };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI1001", engine.Errors.Single().Code);
        StringAssert.Contains(engine.Errors[0].Message, "GoRoot property");
    }

    [TestMethod]
    public void GoModNeedingNewerGo_LogsGOI1003AtTheGoLine()
    {
        using var temp = new TempDirectory();
        var goMod = temp.Write("app/go.mod", "module example.com/app\n\ngo 1.99\n");
        var engine = new FakeBuildEngine();
        var task = new GoResolveToolchain { BuildEngine = engine, GoRoot = new FakeGoRoot(temp).Path, PackageDirectory = Path.Combine(temp.Path, "app") };

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("GOI1003", error.Code);
        Assert.AreEqual(goMod, error.File);
        Assert.AreEqual(3, error.LineNumber);
    }

    [TestMethod]
    public void NewerToolchainLine_IsOnlyAWarning()
    {
        using var temp = new TempDirectory();
        temp.Write("app/go.mod", "module example.com/app\n\ngo 1.22\n\ntoolchain go1.24.1\n");
        var engine = new FakeBuildEngine();
        var task = new GoResolveToolchain { BuildEngine = engine, GoRoot = new FakeGoRoot(temp).Path, PackageDirectory = Path.Combine(temp.Path, "app") };

        Assert.IsTrue(task.Execute(), engine.Log);

        Assert.AreEqual("GOI1018", engine.Warnings.Single().Code);
    }

    [TestMethod]
    public void NestedPackage_FindsTheModuleRootAbove()
    {
        using var temp = new TempDirectory();
        temp.Write("go.mod", "module example.com/app\n\ngo 1.22\n");
        temp.Write("cmd/api/main.go", "package main\n");
        var goRoot = new FakeGoRoot(temp).Path;
        var task = new GoResolveToolchain { BuildEngine = new FakeBuildEngine(), GoRoot = goRoot, PackageDirectory = Path.Combine(temp.Path, "cmd", "api") };

        Assert.IsTrue(task.Execute());

        Assert.AreEqual(temp.Path, task.ModuleDirectory);
        Assert.AreEqual("./cmd/api", task.PackagePath);
        Assert.AreEqual("go1.23.5", task.GoVersion);
        Assert.AreEqual(Path.Combine(goRoot, "bin", "go"), task.GoExecutable);
    }

    [TestMethod]
    public void NoGoMod_LogsGOI1006()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();
        var task = new GoResolveToolchain { BuildEngine = engine, GoRoot = new FakeGoRoot(temp).Path, PackageDirectory = temp.Path };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI1006", engine.Errors.Single().Code);
    }
}
