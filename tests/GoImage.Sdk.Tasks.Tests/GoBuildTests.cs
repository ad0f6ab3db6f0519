using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks.Tests;

/// <summary>GoBuild against a fake go that records its calls: the command lines are a snapshot.</summary>
[TestClass]
public sealed class GoBuildTests
{
    [TestMethod]
    public void Build_RunsTheSnapshottedCommandsPerPlatform()
    {
        using var temp = new TempDirectory();
        var go = new FakeGoRoot(temp);
        var (task, engine) = CreateTask(temp, go, "linux/amd64", "linux/arm/v7");
        task.BuildTags = ["netgo", "osusergo"];
        task.VersionVariable = "main.version";
        task.Version = "1.4.2";
        task.LinkerVariables = [Item("main.commit", "abc 123")];

        Assert.IsTrue(task.Execute(), engine.Log);

        var staging = Path.Combine(temp.Path, "obj", "staging");
        var builds = go.Calls.Where(c => c.StartsWith("build ", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            $"build -o {staging}/linux_amd64/app -trimpath -buildvcs=false -tags=netgo,osusergo -ldflags=-s -w -X main.version=1.4.2 -X 'main.commit=abc 123' .|GOOS=linux GOARCH=amd64 GOARM= CGO_ENABLED=0 GOTOOLCHAIN=local GOROOT=unset",
            $"build -o {staging}/linux_arm_v7/app -trimpath -buildvcs=false -tags=netgo,osusergo -ldflags=-s -w -X main.version=1.4.2 -X 'main.commit=abc 123' .|GOOS=linux GOARCH=arm GOARM=7 CGO_ENABLED=0 GOTOOLCHAIN=local GOROOT=unset",
        }, builds, string.Join("\n", go.Calls));
        Assert.AreEqual("env GOROOT GOVERSION|GOOS= GOARCH= GOARM= CGO_ENABLED= GOTOOLCHAIN=local GOROOT=unset", go.Calls[0]);
        Assert.AreEqual(2, go.Calls.Count(c => c.StartsWith("list -deps", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Build_MovesBinariesIntoPlaceAndRecordsTheInputs()
    {
        using var temp = new TempDirectory();
        var (task, engine) = CreateTask(temp, new FakeGoRoot(temp), "linux/amd64", "linux/arm64");

        Assert.IsTrue(task.Execute(), engine.Log);

        Assert.AreEqual("binary for linux/arm64", File.ReadAllText(task.Binaries[1].ItemSpec).Trim());
        var record = File.ReadAllText(task.InputRecordFile);
        StringAssert.Contains(record, Path.Combine(temp.Path, "main.go"));
        StringAssert.Contains(record, Path.Combine(temp.Path, "go.mod"));
        Assert.IsFalse(Directory.Exists(task.StagingDirectory), "staging is cleaned up");
    }

    [TestMethod]
    public void CompileError_IsLoggedAtFileLineColumn_AndNoBinaryRemains()
    {
        using var temp = new TempDirectory();
        var go = new FakeGoRoot(temp, buildStderr: "./main.go:7:14: syntax error: unexpected newline", buildExitCode: 1);
        var (task, engine) = CreateTask(temp, go, "linux/amd64");
        File.WriteAllText(task.Binaries[0].ItemSpec, "an old binary");
        File.WriteAllText(task.InputRecordFile, "an old record");

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("GOI1010", error.Code);
        Assert.AreEqual(Path.Combine(temp.Path, "main.go"), error.File);
        Assert.AreEqual((7, 14), (error.LineNumber, error.ColumnNumber));
        Assert.AreEqual("syntax error: unexpected newline", error.Message);
        Assert.IsFalse(File.Exists(task.Binaries[0].ItemSpec));
        Assert.IsFalse(File.Exists(task.InputRecordFile), "a failed build forgets the old input set");
    }

    [TestMethod]
    public void UnlocatedFailure_IsGOI1008WithGosOwnWords()
    {
        using var temp = new TempDirectory();
        var go = new FakeGoRoot(temp, buildStderr: "go: cannot find main module", buildExitCode: 1);
        var (task, engine) = CreateTask(temp, go, "linux/amd64");

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI1008", engine.Errors.Single().Code);
        StringAssert.Contains(engine.Errors[0].Message, "cannot find main module");
    }

    [TestMethod]
    public void UnlocatedFailure_IsReportedAtTheProjectFile_AsOneError()
    {
        using var temp = new TempDirectory();
        var go = new FakeGoRoot(temp, buildStderr: "package example.com/app\n\timports example.com/app/x: build constraints exclude all Go files in /m/x", buildExitCode: 1);
        var (task, engine) = CreateTask(temp, go, "linux/amd64");
        task.ProjectFile = Path.Combine(temp.Path, "app.goproj");

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("GOI1021", error.Code);
        Assert.AreEqual(task.ProjectFile, error.File, "not the SDK's targets file");
        StringAssert.StartsWith(error.Message, "package example.com/app imports example.com/app/x: build constraints exclude all Go files in /m/x (go build for linux/amd64).");
    }

    [TestMethod]
    public void ProjectInASubfolderOfTheModule_GivesGoFullPaths()
    {
        // go runs in the module root (temp); the project is two folders down, with relative obj/ paths as MSBuild has them.
        using var temp = new TempDirectory();
        var go = new FakeGoRoot(temp);
        var (task, engine) = CreateTask(temp, go, "linux/amd64");
        var projectDirectory = Path.Combine(temp.Path, "cmd", "digest");
        Directory.CreateDirectory(projectDirectory);
        task.ProjectFile = Path.Combine(projectDirectory, "digest.goproj");
        task.PackagePath = "./cmd/digest";
        task.StagingDirectory = "obj/Debug/go/staging/";
        task.InputRecordFile = "obj/Debug/go/inputs.txt";

        Assert.IsTrue(task.Execute(), engine.Log);

        var build = go.Calls.Single(c => c.StartsWith("build ", StringComparison.Ordinal));
        StringAssert.StartsWith(build, $"build -o {projectDirectory}/obj/Debug/go/staging/linux_amd64/app ");
        Assert.AreEqual("binary for linux/amd64", File.ReadAllText(task.Binaries[0].ItemSpec).Trim());
        Assert.IsTrue(File.Exists(Path.Combine(projectDirectory, "obj", "Debug", "go", "inputs.txt")));
        Assert.IsFalse(Directory.Exists(Path.Combine(temp.Path, "obj", "Debug")), "nothing lands under the module root");
    }

    [TestMethod]
    public void GoSucceedingWithoutABinary_IsGOI1020NotADiskProblem()
    {
        using var temp = new TempDirectory();
        var (task, engine) = CreateTask(temp, new FakeGoRoot(temp, writesBinary: false), "linux/amd64");

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("GOI1020", error.Code, engine.Log);
        StringAssert.Contains(error.Message, Path.Combine(temp.Path, "obj", "staging", "linux_amd64", "app"));
        Assert.IsFalse(File.Exists(task.Binaries[0].ItemSpec));
    }

    [TestMethod]
    public void ToolchainReportingAnotherGoRoot_IsGOI1002()
    {
        using var temp = new TempDirectory();
        var go = new FakeGoRoot(temp, reportedRoot: "/somewhere/else/go");
        var (task, engine) = CreateTask(temp, go, "linux/amd64");

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI1002", engine.Errors.Single().Code);
        Assert.AreEqual(1, go.Calls.Length, "nothing is built with a mixed installation");
    }

    [TestMethod]
    public void ToolexecInBuildFlags_IsRefusedBeforeGoRuns()
    {
        using var temp = new TempDirectory();
        var go = new FakeGoRoot(temp);
        var (task, engine) = CreateTask(temp, go, "linux/amd64");
        task.BuildFlags = "-v -toolexec=/usr/bin/strace";

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI1005", engine.Errors.Single().Code);
        Assert.AreEqual(0, go.Calls.Length);
    }

    [TestMethod]
    public void ReadOnlyOutputFolder_IsGOI1019NotACrash()
    {
        using var temp = new TempDirectory();
        var (task, engine) = CreateTask(temp, new FakeGoRoot(temp), "linux/amd64");
        var outputDir = Path.GetDirectoryName(task.Binaries[0].ItemSpec)!;
        File.SetUnixFileMode(outputDir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        if (Environment.UserName == "root")
        {
            // root ignores directory modes; a file where the folder should be fails for everyone.
            File.SetUnixFileMode(outputDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(outputDir);
            File.WriteAllText(outputDir, "not a folder");
        }

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GOI1019", engine.Errors.Single().Code, engine.Log);
    }

    [TestMethod]
    public void FullDiskUnderTheOutputFolder_IsGOI1019NamingThePath()
    {
        using var temp = new TempDirectory();
        var (task, engine) = CreateTask(temp, new FakeGoRoot(temp), "linux/amd64");
        var outputDir = Path.GetDirectoryName(task.Binaries[0].ItemSpec)!;
        using var disk = FullDisk.TryMount(outputDir);
        if (disk is null)
        {
            Assert.Inconclusive("mounting a small tmpfs needs root");
        }

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("GOI1019", error.Code, engine.Log);
        StringAssert.Contains(error.Message, $"'{task.Binaries[0].ItemSpec}'");
        StringAssert.Contains(error.Message, "No space left on device");
        Assert.IsFalse(File.Exists(task.Binaries[0].ItemSpec), "no partial binary is left");
    }

    [TestMethod]
    public void Cancel_StopsTheBuildWithNoBinary()
    {
        using var temp = new TempDirectory();
        var go = new FakeGoRoot(temp);
        File.WriteAllText(Path.Combine(go.Path, "bin", "go"), "#!/bin/sh\ncase \"$1\" in env) echo '" + go.Path + "'; echo go1.23.5 ;; *) sleep 30 ;; esac\n");
        var (task, engine) = CreateTask(temp, go, "linux/amd64");

        var run = System.Threading.Tasks.Task.Run(task.Execute);
        Thread.Sleep(1000);
        var started = DateTime.UtcNow;
        task.Cancel();

        Assert.IsFalse(run.Wait(TimeSpan.FromSeconds(20)) && run.Result);
        Assert.IsTrue(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "cancellation kills go rather than waiting for it");
        Assert.AreEqual("GOI1016", engine.Errors.Single().Code);
        Assert.IsFalse(File.Exists(task.Binaries[0].ItemSpec));
    }

    private static (GoBuild Task, FakeBuildEngine Engine) CreateTask(TempDirectory temp, FakeGoRoot go, params string[] platforms)
    {
        temp.Write("go.mod", "module example.com/app\n\ngo 1.22\n");
        temp.Write("main.go", "package main\n\nfunc main() {}\n");
        var engine = new FakeBuildEngine();
        var resolve = new GoResolvePlatforms { BuildEngine = engine, Platforms = platforms, OutputDirectory = Path.Combine(temp.Path, "bin"), BinaryName = "app" };
        Assert.IsTrue(resolve.Execute(), engine.Log);
        foreach (var binary in resolve.Binaries)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(binary.ItemSpec)!);
        }

        var task = new GoBuild
        {
            BuildEngine = engine,
            Binaries = resolve.Binaries,
            GoExecutable = Path.Combine(go.Path, "bin", "go"),
            GoRoot = go.Path,
            GoVersion = "go1.23.5",
            ModuleDirectory = temp.Path,
            PackagePath = ".",
            InputRecordFile = Path.Combine(temp.Path, "obj", "inputs.txt"),
            StagingDirectory = Path.Combine(temp.Path, "obj", "staging"),
        };
        Directory.CreateDirectory(Path.Combine(temp.Path, "obj"));
        return (task, engine);
    }

    private static TaskItem Item(string name, string value)
    {
        var item = new TaskItem(name);
        item.SetMetadata("Value", value);
        return item;
    }
}
