using System.CommandLine;

namespace GoImage.Tool.Tests.Commands;

/// <summary>
/// Exit code 2 for a usage error on every command, through the same command tree and invocation as the
/// goimage program: nothing here starts MSBuild, Go or a registry, because each case fails before that.
/// </summary>
[TestClass]
public sealed class ExitCodeTests
{
    [TestMethod]
    [DataRow("build", "--no-such-option")]
    [DataRow("publish", "--no-such-option")]
    [DataRow("new", "--no-such-option")]
    [DataRow("inspect", "--no-such-option", "image")]
    [DataRow("verify", "--no-such-option")]
    [DataRow("push", "--no-such-option", "image", "host/repo")]
    [DataRow("build", "one.goproj", "two.goproj")]
    [DataRow("new", "--name")]
    [DataRow("inspect")]
    [DataRow("push", "image")]
    [DataRow("verify", "--verbosity", "loud")]
    [DataRow("no-such-command")]
    public async Task ACommandLineThatDoesNotParse_Exits2_WithTheParsersError(params string[] arguments)
    {
        var run = await Run(arguments);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        Assert.AreNotEqual("", run.Error.Trim(), run.ToString());
    }

    [TestMethod]
    [DataRow("build")]
    [DataRow("publish")]
    [DataRow("verify")]
    public async Task AFolderWithoutProject_Exits2_WithGoi4010NamingTheCommand(string command)
    {
        using var temp = new TempFolder();

        var run = await Run(command, temp.Path);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, "error GOI4010: ", run.ToString());
        StringAssert.Contains(run.Error, $"goimage {command} path/to/app.goproj", run.ToString());
    }

    [TestMethod]
    [DataRow("build")]
    [DataRow("verify")]
    public async Task AFolderWithSeveralProjects_Exits2_WithGoi4011(string command)
    {
        using var temp = new TempFolder();
        temp.Write("a.goproj", "<Project />");
        temp.Write("b.goproj", "<Project />");

        var run = await Run(command, temp.Path);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, "error GOI4011: ", run.ToString());
    }

    [TestMethod]
    [DataRow("publish")]
    [DataRow("verify")]
    public async Task AProjectThatDoesNotExist_Exits2_WithGoi4012(string command)
    {
        using var temp = new TempFolder();

        var run = await Run(command, temp.PathOf("missing.goproj"));

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, "error GOI4012: ", run.ToString());
    }

    [TestMethod]
    public async Task APropertyWithoutAName_Exits2_WithGoi4013()
    {
        using var temp = new TempFolder();
        var project = temp.Write("app.goproj", "<Project />");

        var run = await Run("build", project, "-p", "Version");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, "error GOI4013: ", run.ToString());
    }

    [TestMethod]
    public async Task NewInAFolderThatDoesNotExist_Exits2_WithGoi4016()
    {
        using var temp = new TempFolder();

        var run = await Run("new", temp.PathOf("nope"));

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, "error GOI4016: ", run.ToString());
    }

    [TestMethod]
    [DataRow("--name", "a b", "GOI4018")]
    [DataRow("--package", "nope", "GOI4005")]
    [DataRow("--solution", "nope.sln", "GOI4019")]
    public async Task NewWithAnOptionNamingNothingUsable_Exits2_AndWritesNothing(string option, string value, string code)
    {
        using var temp = new TempFolder();
        temp.Write("go.mod", "module example.com/shop\n\ngo 1.22\n");
        temp.Write("main.go", "package main\n\nfunc main() {}\n");
        var before = temp.Snapshot();

        var run = await Run("new", temp.Path, option, value);

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, $"error {code}: ", run.ToString());
        CollectionAssert.AreEqual(before, temp.Snapshot());
    }

    [TestMethod]
    public async Task NewWithoutAGoMod_IsAFailure_NotAUsageError()
    {
        using var temp = new TempFolder();

        var run = await Run("new", temp.Path);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Error, "error GOI4001: ", run.ToString());
    }

    [TestMethod]
    [DataRow("build")]
    [DataRow("publish")]
    [DataRow("new")]
    [DataRow("inspect")]
    [DataRow("verify")]
    [DataRow("push")]
    public async Task EveryCommandsHelp_DocumentsExitCode2(string command)
    {
        var run = await Run(command, "--help");

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, "Exit codes: 0 ", run.ToString());
        StringAssert.Contains(run.Output, "2 a usage error", run.ToString());
    }

    private static async Task<ImageCommandRun> Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ToolCommandLine.InvokeAsync(
            ToolCommandLine.Create().Parse(arguments), new InvocationConfiguration { Output = output, Error = error });
        return new ImageCommandRun(exitCode, output.ToString(), error.ToString());
    }
}
