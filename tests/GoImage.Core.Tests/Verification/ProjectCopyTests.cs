using GoImage.Verification;

namespace GoImage.Core.Tests.Verification;

[TestClass]
public sealed class ProjectCopyTests
{
    [TestMethod]
    public void Create_CopiesTheProjectWithoutBinAndObj()
    {
        using var temp = new TempDirectory();
        var project = temp.Write("repo/app/app.goproj", "<Project />");
        temp.Write("repo/app/main.go", "package main");
        temp.Write("repo/app/bin/Release/app", "old");
        temp.Write("repo/app/obj/cache", "old");

        var copy = ProjectCopy.Create(project, temp.Combine("copy"));

        Assert.AreEqual(temp.Combine("copy/app/app.goproj"), copy);
        Assert.IsTrue(File.Exists(temp.Combine("copy/app/main.go")));
        Assert.IsFalse(Directory.Exists(temp.Combine("copy/app/bin")));
        Assert.IsFalse(Directory.Exists(temp.Combine("copy/app/obj")));
    }

    [TestMethod]
    public void Create_AProjectBelowGoMod_CopiesTheWholeModule_WithoutTheProjectsBinAndObj()
    {
        using var temp = new TempDirectory();
        temp.Write("shop/go.mod", "module example.com/shop\n");
        temp.Write("shop/internal/shop/shop.go", "package shop");
        temp.Write("shop/tools/bin/gen.go", "package bin");
        var project = temp.Write("shop/cmd/api/api.goproj", "<Project />");
        temp.Write("shop/cmd/api/main.go", "package main");
        temp.Write("shop/cmd/api/bin/Release/api", "old");
        temp.Write("shop/cmd/api/obj/cache", "old");

        var copy = ProjectCopy.Create(project, temp.Combine("copy"));

        Assert.AreEqual(temp.Combine("copy/shop/cmd/api/api.goproj"), copy);
        Assert.IsTrue(File.Exists(temp.Combine("copy/shop/go.mod")));
        Assert.IsTrue(File.Exists(temp.Combine("copy/shop/internal/shop/shop.go")));
        Assert.IsTrue(File.Exists(temp.Combine("copy/shop/tools/bin/gen.go")), "a Go package named bin is source, not output");
        Assert.IsFalse(Directory.Exists(temp.Combine("copy/shop/cmd/api/bin")));
        Assert.IsFalse(Directory.Exists(temp.Combine("copy/shop/cmd/api/obj")));
    }

    [TestMethod]
    public void Create_BringsTheNearestGlobalJsonAndNuGetConfig_WithRelativeFeedsMadeAbsolute()
    {
        using var temp = new TempDirectory();
        var project = temp.Write("repo/samples/app/app.goproj", "<Project />");
        temp.Write("repo/samples/global.json", """{"msbuild-sdks":{"GoImage.Sdk":"0.1.0"}}""");
        temp.Write("repo/samples/NuGet.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="../artifacts/packages" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);

        ProjectCopy.Create(project, temp.Combine("copy"));

        Assert.IsTrue(File.Exists(temp.Combine("copy/global.json")));
        var config = File.ReadAllText(temp.Combine("copy/NuGet.config"));
        StringAssert.Contains(config, $"value=\"{temp.Combine("repo/artifacts/packages")}\"");
        StringAssert.Contains(config, "value=\"https://api.nuget.org/v3/index.json\"");
    }

    [TestMethod]
    public void Environment_GivesEachBuildItsOwnTempFolderAndEmptyCaches()
    {
        using var temp = new TempDirectory();

        var first = ReproducibilityCheck.Environment(1, temp.Path, "UTC");
        var second = ReproducibilityCheck.Environment(2, temp.Path, "Pacific/Kiritimati");

        foreach (var name in new[] { "TMPDIR", "GOCACHE", "GOIMAGE_CACHE", "TZ" })
        {
            Assert.AreNotEqual(first[name], second[name], name);
        }

        Assert.AreEqual(0, Directory.GetFileSystemEntries(first["GOCACHE"]!).Length);
    }

    [TestMethod]
    public void Environment_WithTheFirstBuildsGoCache_SharesOnlyThatCache()
    {
        using var temp = new TempDirectory();

        var first = ReproducibilityCheck.Environment(1, temp.Path, "UTC");
        var second = ReproducibilityCheck.Environment(2, temp.Path, "Pacific/Kiritimati", goCache: ReproducibilityCheck.GoCache(1, temp.Path));

        Assert.AreEqual(first["GOCACHE"], second["GOCACHE"]);
        foreach (var name in new[] { "TMPDIR", "GOIMAGE_CACHE", "TZ" })
        {
            Assert.AreNotEqual(first[name], second[name], name);
        }
    }

    [TestMethod]
    public void Create_AProjectBelowItsRepositoryRoot_SeesTheSameCommitInTheCopy()
    {
        // cmd/api in a repository: the copy holds only cmd/api, yet MinVer and SourceRevisionId must see the same commit.
        using var temp = new TempDirectory();
        var project = temp.Write("repo/cmd/api/api.goproj", "<Project Sdk=\"GoImage.Sdk\" />");
        var repository = Path.Combine(temp.Path, "repo");
        GitCommand.Run(repository, "init", "-q");
        GitCommand.Run(repository, "add", "-A");
        GitCommand.Run(repository, "commit", "-q", "-m", "first");
        GitCommand.Run(repository, "tag", "v1.2.3");

        // Act
        var copy = ProjectCopy.Create(project, Path.Combine(temp.Path, "copy"));

        // Assert
        var copied = Path.GetDirectoryName(copy)!;
        Assert.AreEqual(GitCommand.Run(repository, "rev-parse", "HEAD"), GitCommand.Run(copied, "rev-parse", "HEAD"));
        Assert.AreEqual("v1.2.3\n", GitCommand.Run(copied, "describe", "--tags"));
        Assert.AreEqual($"{GitCommand.CommitTime}\n", GitCommand.Run(copied, "log", "-1", "--format=%ct"));
    }

    [TestMethod]
    public void Create_AProjectOutsideARepository_WritesNoGitFile()
    {
        using var temp = new TempDirectory();
        var project = temp.Write("app/app.goproj", "<Project Sdk=\"GoImage.Sdk\" />");

        ProjectCopy.Create(project, Path.Combine(temp.Path, "copy"));

        Assert.IsFalse(File.Exists(Path.Combine(temp.Path, "copy", ".git")));
        Assert.IsNull(GoImage.SourceControl.GitCommitTime.FindRepositoryRoot(Path.Combine(temp.Path, "copy", "app")));
    }
}
