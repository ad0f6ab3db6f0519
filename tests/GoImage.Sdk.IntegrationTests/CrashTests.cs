using System.Diagnostics;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>Issue 12: a publish killed at any point (kill -9 of the whole tree) leaves nothing that spoils the next one.</summary>
[TestClass]
public sealed class CrashTests
{
    private const int Runs = 5;

    // Lines a detailed (-v:d) publish prints as each stage starts (hello's static base needs no ImageBase).
    private static readonly string[] Stages = ["GoBuild: building", "Task \"ImageLayer\"", "Task \"ImageLayout\""];

    [TestMethod]
    public void PublishKilledAtRandomPoints_NextPublishGivesTheReferenceDigest_AndLeavesNoTempFiles()
    {
        using var project = GoProject.FromSample("hello");
        project.Environment["GOIMAGE_CACHE"] = project.PathOf("goimage-cache");
        project.AddToProject("""<ItemGroup><ContainerFile Include="data.bin" TargetPath="/data/data.bin" /></ItemGroup>""");
        var data = project.PathOf("data.bin");
        var mainGo = project.PathOf("main.go");
        var referenceSource = File.ReadAllText(mainGo);
        var referenceData = new byte[48 << 20];
        new Random(1).NextBytes(referenceData);
        File.WriteAllBytes(data, referenceData);

        var timer = Stopwatch.StartNew();
        var first = project.Publish();
        Assert.IsTrue(first.Succeeded, first.ToString());
        var reference = new OciLayout(project.LayoutPath).ImageIndexDigest;

        var seed = Environment.TickCount;
        var random = new Random(seed);

        // How long a publish with new inputs takes once restored: the bound for waiting on a stage.
        WriteVariant(-1);
        var calibration = Stopwatch.StartNew();
        var changed = project.Publish();
        var fullPublish = calibration.Elapsed;
        Assert.IsTrue(changed.Succeeded, changed.ToString());

        var log = new List<string>();
        for (var run = 0; run < Runs; run++)
        {
            // New inputs for the killed run, so the Go build and every image stage have work to do when it dies.
            WriteVariant(run);
            // A random stage, then a random moment inside it (or, past its end, in a later stage).
            var stage = Stages[random.Next(Stages.Length)];
            var offset = TimeSpan.FromMilliseconds(random.Next(0, 1500));

            using (var killed = new BackgroundCommand("dotnet",
                ["publish", project.ProjectFile, "-p:PublishImage=true", "-nodeReuse:false", "-nologo", "-v:d"],
                project.Directory, project.Environment))
            {
                var reached = killed.WaitForOutput(stage, fullPublish * 3);
                var exited = killed.WaitForExit(offset);
                if (!exited)
                {
                    killed.KillTree();
                }

                log.Add($"run {run}: {(exited ? "finished before the kill" : "killed")} {offset.TotalMilliseconds:F0} ms after {stage}{(reached ? "" : " (not reached)")}, in {LastTaskLine(killed.Output)}");
            }

            File.WriteAllText(mainGo, referenceSource);
            File.WriteAllBytes(data, referenceData);
            var next = project.Publish();

            var context = $"seed {seed}, full publish {fullPublish.TotalSeconds:F1} s\n{string.Join('\n', log)}\n";
            Assert.IsTrue(next.Succeeded, context + next);
            Assert.AreEqual(reference, new OciLayout(project.LayoutPath).ImageIndexDigest, context);
            var leftovers = TempLeftovers(project.Directory).ToList();
            Assert.AreEqual(0, leftovers.Count, context + string.Join('\n', leftovers));
        }

        Console.WriteLine($"seed {seed}, full publish {fullPublish.TotalSeconds:F1} s, total {timer.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine(string.Join('\n', log));

        void WriteVariant(int run)
        {
            File.WriteAllText(mainGo, referenceSource + $"\nvar crashRun = \"{run}-{random.Next()}\"\n");
            var variant = new byte[referenceData.Length];
            random.NextBytes(variant);
            File.WriteAllBytes(data, variant);
        }
    }

    /// <summary>Temporary files and folders of an interrupted write: <c>*.tmp</c> (<c>&lt;target&gt;.&lt;guid&gt;.&lt;pid&gt;.tmp</c>) and <c>.image.*</c> staging folders.</summary>
    private static IEnumerable<string> TempLeftovers(params string[] roots) =>
        roots.Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
            .Where(path =>
            {
                var name = Path.GetFileName(path);
                return name.EndsWith(".tmp", StringComparison.Ordinal) || name.Contains(".tmp.", StringComparison.Ordinal)
                    || name.StartsWith(".image.", StringComparison.Ordinal);
            });

    /// <summary>The last task the killed publish started: where it died.</summary>
    private static string LastTaskLine(string output) =>
        output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("Task \"", StringComparison.Ordinal)) ?? "(no task started)";
}
