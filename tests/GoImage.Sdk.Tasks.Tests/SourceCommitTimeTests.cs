using GoImage.Core.Tests;

namespace GoImage.Sdk.Tasks.Tests;

[TestClass]
public sealed class SourceCommitTimeTests
{
    [TestMethod]
    public void InAGitRepository_OutputsHeadsCommitTime()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "main.go"), "package main\n");
        Git(temp.Path, "init", "-q");
        Git(temp.Path, "add", "-A");
        Git(temp.Path, "commit", "-q", "-m", "first");
        var engine = new FakeBuildEngine();
        var task = new SourceCommitTime { BuildEngine = engine, Directory = temp.Path };

        Assert.IsTrue(task.Execute(), engine.Log);

        Assert.AreEqual("1714979289", task.SecondsSinceEpoch);
        Assert.AreEqual(0, engine.Warnings.Count, engine.Log);
    }

    [TestMethod]
    public void OutsideARepository_OutputsNothing_AndSucceedsQuietly()
    {
        using var temp = new TempDirectory();
        var engine = new FakeBuildEngine();
        var task = new SourceCommitTime { BuildEngine = engine, Directory = temp.Path };

        Assert.IsTrue(task.Execute(), engine.Log);

        Assert.AreEqual("", task.SecondsSinceEpoch);
        Assert.AreEqual(0, engine.Warnings.Count + engine.Errors.Count, engine.Log);
    }

    [TestMethod]
    public void ARepositoryWithoutCommits_WarnsGoi1031_AndSucceeds()
    {
        using var temp = new TempDirectory();
        Git(temp.Path, "init", "-q");
        var engine = new FakeBuildEngine();
        var task = new SourceCommitTime { BuildEngine = engine, Directory = temp.Path };

        Assert.IsTrue(task.Execute(), engine.Log);

        Assert.AreEqual("", task.SecondsSinceEpoch);
        Assert.AreEqual("GOI1031", engine.Warnings.Single().Code);
    }

    private static void Git(string directory, params string[] arguments) => GitCommand.Run(directory, arguments);
}
