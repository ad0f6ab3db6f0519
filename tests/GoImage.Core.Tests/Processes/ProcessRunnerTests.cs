using System.Diagnostics;
using GoImage.Processes;

namespace GoImage.Core.Tests.Processes;

/// <summary>ProcessRunner against real programs (/bin/sh, cat): standard input, time limit, cancellation.</summary>
[TestClass]
[OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
public sealed class ProcessRunnerTests
{
    private static readonly Dictionary<string, string?> NoChanges = [];

    private static Task<ProcessResult> Shell(string script, string? input, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync("/bin/sh", ["-c", script], Path.GetTempPath(), NoChanges, input, timeout, cancellationToken);

    [TestMethod]
    public async Task RunAsync_GivesTheProgramTheStandardInput()
    {
        // Act
        var result = await ProcessRunner.RunAsync("cat", [], Path.GetTempPath(), NoChanges, "first line\nsecond line", TimeSpan.FromSeconds(30), CancellationToken.None);

        // Assert
        Assert.AreEqual(0, result.ExitCode);
        Assert.AreEqual("first line\nsecond line\n", result.StandardOutput);
    }

    [TestMethod]
    public async Task RunAsync_WritesTheInputAsUtf8WithoutAByteOrderMark()
    {
        // Act: "ä" is two bytes in UTF-8; a BOM would add three.
        var result = await Shell("od -An -tx1", "ä", TimeSpan.FromSeconds(30));

        // Assert
        Assert.AreEqual("c3 a4", result.StandardOutput.Trim());
    }

    [TestMethod]
    public async Task RunAsync_ClosesStandardInputWhenThereIsNone_SoAReaderEnds()
    {
        // Act: cat would wait forever on an open stdin.
        var result = await ProcessRunner.RunAsync("cat", [], Path.GetTempPath(), NoChanges, CancellationToken.None);

        // Assert
        Assert.AreEqual(0, result.ExitCode);
        Assert.AreEqual("", result.StandardOutput);
    }

    [TestMethod]
    public async Task RunAsync_ReturnsTheExitCodeOfAProgramThatExitsWithoutReadingItsInput()
    {
        // Arrange: more than a pipe buffer holds, so the write fails once the program is gone.
        var input = new string('x', 1 << 20);

        // Act
        var result = await Shell("echo refused >&2; exit 3", input, TimeSpan.FromSeconds(30));

        // Assert
        Assert.AreEqual(3, result.ExitCode);
        CollectionAssert.AreEqual(new[] { "refused" }, result.StandardErrorLines.ToArray());
    }

    [TestMethod]
    public async Task RunAsync_ThrowsTimeoutException_WhenTheProgramRunsLongerThanTheLimit()
    {
        // Arrange
        var clock = Stopwatch.StartNew();

        // Act
        var error = await Assert.ThrowsExactlyAsync<TimeoutException>(() => Shell("sleep 60", null, TimeSpan.FromMilliseconds(500)));

        // Assert
        StringAssert.Contains(error.Message, "sh did not exit within 0.5 seconds");
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [TestMethod]
    public async Task RunAsync_TimesOut_EvenWhileTheProgramLeavesItsInputUnread()
    {
        // Arrange: the write blocks on a full pipe; only killing the program ends it.
        var input = new string('x', 4 << 20);
        var clock = Stopwatch.StartNew();

        // Act
        await Assert.ThrowsExactlyAsync<TimeoutException>(() => Shell("sleep 60", input, TimeSpan.FromMilliseconds(500)));

        // Assert
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [TestMethod]
    public async Task RunAsync_KillsTheWholeProcessTree_WhenTheLimitIsReached()
    {
        // Arrange: the shell starts a child and waits for it; the child's id is written to a file.
        using var temp = new TempDirectory();
        var pidFile = temp.Combine("child.pid");

        // Act
        await Assert.ThrowsExactlyAsync<TimeoutException>(() => Shell($"sleep 60 & echo $! > '{pidFile}'; wait", null, TimeSpan.FromSeconds(1)));

        // Assert: gone, or a zombie waiting to be reaped; never still sleeping.
        var pid = File.ReadAllText(pidFile).Trim();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (IsRunning(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.IsFalse(IsRunning(pid), $"the child {pid} still runs");
    }

    [TestMethod]
    public async Task RunAsync_ThrowsOperationCanceled_NotTimeout_WhenTheCallerCancels()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        // Act
        await Assert.ThrowsAsync<OperationCanceledException>(() => Shell("sleep 60", null, TimeSpan.FromSeconds(60), cancellation.Token));

        // Assert
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [TestMethod]
    public async Task RunAsync_WithoutALimit_WaitsForTheProgram()
    {
        // Act
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "sleep 1; echo done"], Path.GetTempPath(), NoChanges, CancellationToken.None);

        // Assert
        Assert.AreEqual("done\n", result.StandardOutput);
    }

    // /proc/<pid>/stat's third field is the state; Z is a zombie, which no longer runs.
    private static bool IsRunning(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0] != "Z";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
