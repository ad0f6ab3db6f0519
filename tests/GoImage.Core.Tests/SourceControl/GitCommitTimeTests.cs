using GoImage.Diagnostics;
using GoImage.SourceControl;
using GoImage.Verification;

namespace GoImage.Core.Tests.SourceControl;

[TestClass]
public sealed class GitCommitTimeTests
{
    [TestMethod]
    public async Task ReadAsync_InARepository_GivesHeadsCommitterTime_FromASubfolderToo()
    {
        using var temp = new TempDirectory();
        temp.Write("cmd/api/main.go", "package main\n");
        Git(temp.Path, "init", "-q");
        Git(temp.Path, "add", "-A");
        Git(temp.Path, "commit", "-q", "-m", "first", "--date=2001-01-01T00:00:00Z"); // author date differs on purpose

        // Act
        var warnings = new List<Diagnostic>();
        var seconds = await GitCommitTime.ReadAsync(Path.Combine(temp.Path, "cmd", "api"), warnings.Add, CancellationToken.None);

        // Assert: the committer time, as SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) gives it.
        Assert.AreEqual(1714979289L, seconds);
        Assert.AreEqual(0, warnings.Count);
        Assert.AreEqual(temp.Path, GitCommitTime.FindRepositoryRoot(Path.Combine(temp.Path, "cmd", "api")));
    }

    [TestMethod]
    public async Task ReadAsync_OutsideARepository_GivesNull_AndNoWarning()
    {
        using var temp = new TempDirectory();
        Assert.IsNull(GitCommitTime.FindRepositoryRoot(temp.Path), "the temp folder must not sit in a repository for this test");

        // Act
        var warnings = new List<Diagnostic>();
        var seconds = await GitCommitTime.ReadAsync(temp.Path, warnings.Add, CancellationToken.None);

        // Assert
        Assert.IsNull(seconds);
        Assert.AreEqual(0, warnings.Count);
    }

    [TestMethod]
    public async Task ReadAsync_ARepositoryWithoutCommits_WarnsGoi1031_AndGivesNull()
    {
        using var temp = new TempDirectory();
        Git(temp.Path, "init", "-q");

        // Act
        var warnings = new List<Diagnostic>();
        var seconds = await GitCommitTime.ReadAsync(temp.Path, warnings.Add, CancellationToken.None);

        // Assert
        Assert.IsNull(seconds);
        Assert.AreEqual(1, warnings.Count);
        Assert.AreEqual("GOI1031", warnings[0].Code);
        Assert.IsTrue(warnings[0].IsWarning);
        StringAssert.Contains(warnings[0].Message, temp.Path);
    }

    [TestMethod]
    public async Task Verify_GivesBothCopiesTheOriginalsCommitTime()
    {
        // The copies live outside the repository; without this they would build with 0 instead of the commit time.
        using var temp = new TempDirectory();
        var project = temp.Write("app/app.goproj", "<Project Sdk=\"GoImage.Sdk\" />");
        Git(temp.Path, "init", "-q");
        Git(temp.Path, "add", "-A");
        Git(temp.Path, "commit", "-q", "-m", "first");
        if (Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") is { Length: > 0 })
        {
            Assert.Inconclusive("SOURCE_DATE_EPOCH is set for the test run, and it rightly wins");
        }

        // Act
        var epoch = await ReproducibilityCheck.SourceDateEpochAsync(project, _ => { }, CancellationToken.None);
        var first = ReproducibilityCheck.Environment(1, temp.Path, "UTC", epoch);
        var second = ReproducibilityCheck.Environment(2, temp.Path, "Pacific/Kiritimati", epoch);

        // Assert
        Assert.AreEqual("1714979289", epoch);
        Assert.AreEqual("1714979289", first["SOURCE_DATE_EPOCH"]);
        Assert.AreEqual("1714979289", second["SOURCE_DATE_EPOCH"]);
    }

    private static void Git(string directory, params string[] arguments) => GitCommand.Run(directory, arguments);
}
