using GoImage.Diagnostics;
using GoImage.Tool.Commands;
using GoImage.Tool.Scaffolding;

namespace GoImage.Tool.Tests.Scaffolding;

[TestClass]
public sealed class MainPackageFinderTests
{
    [TestMethod]
    public void Choose_TakesTheModuleRootWhenItIsPackageMain()
    {
        using var module = Module(("main.go", "package main"), ("cmd/tool/main.go", "package main"));

        Assert.AreEqual(".", MainPackageFinder.Choose(module.Path, null));
    }

    [TestMethod]
    public void Choose_TakesTheOnlyMainPackageBelowALibraryRoot()
    {
        using var module = Module(("api.go", "package api"), ("cmd/server/main.go", "package main"), ("internal/db/db.go", "package db"));

        Assert.AreEqual("cmd/server", MainPackageFinder.Choose(module.Path, null));
    }

    [TestMethod]
    public void FindAll_SkipsWhatGoSkips()
    {
        using var module = Module(
            ("lib.go", "package lib"),
            ("vendor/x/main.go", "package main"),
            ("testdata/main.go", "package main"),
            (".hidden/main.go", "package main"),
            ("_old/main.go", "package main"),
            ("nested/go.mod", "module example.com/nested"),
            ("nested/main.go", "package main"),
            ("gen/gen.go", "//go:build ignore\n\npackage main"),
            ("cmd/real/main_test.go", "package main"),
            ("cmd/real/main.go", "package main"));

        CollectionAssert.AreEqual(new[] { "cmd/real" }, MainPackageFinder.FindAll(module.Path).ToArray());
    }

    [TestMethod]
    public void Choose_RefusesSeveralMainPackagesNamingThem()
    {
        using var module = Module(("lib.go", "package lib"), ("cmd/a/main.go", "package main"), ("cmd/b/main.go", "package main"));

        var error = Assert.ThrowsExactly<GoImageException>(() => MainPackageFinder.Choose(module.Path, null)).Diagnostic;

        Assert.AreEqual("GOI4004", error.Code);
        StringAssert.Contains(error.Message, "cmd/a, cmd/b");
    }

    [TestMethod]
    public void Choose_RefusesAModuleWithoutMainPackage()
    {
        using var module = Module(("lib.go", "package lib"));

        Assert.AreEqual("GOI4002", Assert.ThrowsExactly<GoImageException>(() => MainPackageFinder.Choose(module.Path, null)).Diagnostic.Code);
    }

    [TestMethod]
    public void Choose_TakesTheRequestedPackage()
    {
        using var module = Module(("cmd/a/main.go", "package main"), ("cmd/b/main.go", "package main"));

        Assert.AreEqual("cmd/b", MainPackageFinder.Choose(module.Path, "./cmd/b/"));
    }

    [TestMethod]
    [DataRow("internal/db")]
    [DataRow("missing")]
    [DataRow("../outside")]
    public void Choose_RefusesARequestedFolderThatIsNoMainPackageOfTheModule(string requested)
    {
        using var module = Module(("main.go", "package main"), ("internal/db/db.go", "package db"));

        Assert.AreEqual("GOI4005", Assert.ThrowsExactly<CommandLineException>(() => MainPackageFinder.Choose(module.Path, requested)).Diagnostic.Code);
    }

    private static TempFolder Module(params (string Path, string Content)[] files)
    {
        var folder = new TempFolder();
        folder.Write("go.mod", "module example.com/shop\n\ngo 1.22\n");
        foreach (var (path, content) in files)
        {
            folder.Write(path, content + "\n");
        }

        return folder;
    }
}
