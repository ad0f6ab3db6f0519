using System.Diagnostics;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>Issue 12: Ctrl+C (SIGINT to dotnet) stops a publish within 5 s in every stage, with no partial layout.</summary>
[TestClass]
public sealed class CancellationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [TestMethod]
    public void CtrlCDuringTheGoBuild_StopsWithin5Seconds()
    {
        using var project = GoProject.FromSample("hello");
        // A fresh edit: go compiles and links the main package again rather than finding it in GOCACHE.
        File.AppendAllText(project.PathOf("main.go"), $"\nvar interrupted = \"{Guid.NewGuid():N}\"\n");

        InterruptAt(project, "GoBuild: building");
    }

    [TestMethod]
    public void CtrlCWhileALargeContainerFileIsCompressed_StopsWithin5Seconds()
    {
        using var project = GoProject.FromSample("hello");
        project.Environment["GOIMAGE_CACHE"] = project.PathOf("goimage-cache");
        WriteRandomFile(project.PathOf("big.bin"), 300 << 20);
        project.AddToProject("""<ItemGroup><ContainerFile Include="big.bin" TargetPath="/data/big.bin" /></ItemGroup>""");

        InterruptAt(project, "Task \"ImageLayer\"");
    }

    [TestMethod]
    public void CtrlCWhileTheLayoutIsWritten_StopsWithin5Seconds_AndKeepsThePreviousLayout()
    {
        using var project = GoProject.FromSample("hello");
        project.Environment["GOIMAGE_CACHE"] = project.PathOf("goimage-cache");
        WriteRandomFile(project.PathOf("big.bin"), 300 << 20);
        project.AddToProject("""<ItemGroup><ContainerFile Include="big.bin" TargetPath="/data/big.bin" /></ItemGroup>""");
        var first = project.Publish();
        Assert.IsTrue(first.Succeeded, first.ToString());
        var previous = new OciLayout(project.LayoutPath).ImageIndexDigest;
        // Only the config changes: the layers come from the cache and the layout copies (and hashes) 300 MB again.
        project.AddToProject("""<ItemGroup><ContainerLabel Include="interrupted" Value="yes" /></ItemGroup>""");

        InterruptAt(project, "Task \"ImageLayout\"", previous);
    }

    /// <summary>Starts a publish, sends SIGINT once <paramref name="stage"/> shows in the output, and checks how it stopped.</summary>
    private static void InterruptAt(GoProject project, string stage, string? previousLayout = null)
    {
        using var publish = new BackgroundCommand("dotnet",
            ["publish", project.ProjectFile, "-p:PublishImage=true", "-nodeReuse:false", "-nologo", "-v:d"],
            project.Directory, project.Environment);
        Assert.IsTrue(publish.WaitForOutput(stage, TimeSpan.FromMinutes(3)), $"'{stage}' never showed:\n{publish.Output}");
        Assert.IsFalse(publish.HasExited, $"the publish ended before it could be interrupted:\n{publish.Output}");

        var timer = Stopwatch.StartNew();
        publish.Interrupt();
        var stopped = publish.WaitForExit(TimeSpan.FromSeconds(60));
        var took = timer.Elapsed;

        var codes = System.Text.RegularExpressions.Regex.Matches(publish.Output, @"\b(GOI\d{4}|MSB\d{4})\b").Select(m => m.Value).Distinct();
        Console.WriteLine($"Ctrl+C at '{stage}': stopped after {took.TotalSeconds:F2} s, exit code {(stopped ? publish.ExitCode : -1)}, codes: {string.Join(", ", codes)}");
        Assert.IsTrue(stopped, $"still running 60 s after Ctrl+C at '{stage}':\n{publish.Output}");
        Assert.IsTrue(took < Limit, $"Ctrl+C at '{stage}' took {took.TotalSeconds:F2} s:\n{publish.Output}");
        Assert.AreNotEqual(0, publish.ExitCode, publish.Output);
        Assert.IsFalse(publish.Output.Contains("MSB4018", StringComparison.Ordinal), "a task crashed:\n" + publish.Output);
        if (previousLayout is null)
        {
            Assert.IsFalse(Directory.Exists(project.LayoutPath), "no partial layout");
        }
        else
        {
            Assert.AreEqual(previousLayout, new OciLayout(project.LayoutPath).ImageIndexDigest, "the previous layout is kept whole");
            Peers.Expect(Peers.Skopeo("inspect", "--raw", $"oci:{project.LayoutPath}:latest"));
        }

        var leftovers = Directory.EnumerateFileSystemEntries(project.Directory, "*", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) is var n && (n.EndsWith(".tmp", StringComparison.Ordinal) || n.StartsWith(".image.", StringComparison.Ordinal)))
            .ToList();
        Assert.AreEqual(0, leftovers.Count, string.Join('\n', leftovers));
    }

    private static void WriteRandomFile(string path, int length)
    {
        var random = new Random(12);
        var block = new byte[1 << 20];
        using var output = File.Create(path);
        for (var written = 0; written < length; written += block.Length)
        {
            random.NextBytes(block);
            output.Write(block);
        }
    }
}
