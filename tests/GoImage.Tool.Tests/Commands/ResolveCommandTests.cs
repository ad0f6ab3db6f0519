using GoImage.Tool.Commands;
using GoImage.Tool.Output;

namespace GoImage.Tool.Tests.Commands;

/// <summary>goimage resolve up to the point it would build: inputs, parse errors, names and exit codes (no MSBuild runs).</summary>
[TestClass]
public sealed class ResolveCommandTests
{
    [TestMethod]
    public void MissingPath_IsGoi5020_ExitCode2()
    {
        using var temp = new TempFolder();

        var (exitCode, output, errors) = Resolve([temp.PathOf("nope")]);

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        StringAssert.Contains(errors, "error GOI5020:");
        Assert.AreEqual("", output);
    }

    [TestMethod]
    public void FolderWithoutManifests_IsGoi5021_ExitCode2()
    {
        using var temp = new TempFolder();
        temp.Write("deploy/README.md", "# nothing here\n");

        var (exitCode, _, errors) = Resolve([temp.PathOf("deploy")]);

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        StringAssert.Contains(errors, "error GOI5021:");
    }

    [TestMethod]
    public void InvalidYaml_IsGoi5001_AtItsPlace_ExitCode1_NothingPrinted()
    {
        using var temp = new TempFolder();
        var bad = temp.Write("deploy/b.yaml", "a: 1\n  b: 2\n");
        temp.Write("deploy/a.yaml", "image: goimage://api\n");

        var (exitCode, output, errors) = Resolve([temp.PathOf("deploy")]);

        Assert.AreEqual(ExitCodes.Failure, exitCode);
        StringAssert.Contains(errors, $"{bad}(2,4): error GOI5001:");
        Assert.AreEqual("", output);
    }

    [TestMethod]
    public void UnknownName_IsGoi5002_AtFileLineColumn_ExitCode1()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.PathOf(".git"));
        var yaml = temp.Write("deploy/app.yaml", "spec:\n  image: \"goimage://ghost\"\n");

        var (exitCode, output, errors) = Resolve([yaml], temp.Path);

        Assert.AreEqual(ExitCodes.Failure, exitCode);
        StringAssert.Contains(errors, $"{yaml}(2,10): error GOI5002: 'goimage://ghost' names no project: there is no ghost.goproj under {temp.Path}.");
        Assert.AreEqual("", output);
    }

    [TestMethod]
    public void ManifestsWithoutNames_ArePrintedAsRead_InInputOrder_SeparatedByDashes()
    {
        using var temp = new TempFolder();
        temp.Write("deploy/b.yaml", "kind: B # second\n");
        temp.Write("deploy/a.yml", "kind: A\n---\nkind: A2");
        temp.Write("deploy/sub/c.yaml", "kind: C\n");

        var (exitCode, output, errors) = Resolve([temp.PathOf("deploy")]);

        Assert.AreEqual(ExitCodes.Success, exitCode, errors);
        Assert.AreEqual("kind: A\n---\nkind: A2\n---\nkind: B # second\n", output, "a.yml before b.yaml; sub/ only with -R; a missing final newline added before ---");
    }

    [TestMethod]
    public void Recursive_ReadsSubfolders_AndOutputWritesFilesAtTheirRelativePaths()
    {
        using var temp = new TempFolder();
        temp.Write("deploy/a.yaml", "kind: A\n");
        temp.Write("deploy/sub/c.yaml", "kind: C  # kept\n");

        var (exitCode, output, errors) = Resolve([temp.PathOf("deploy")], recursive: true, outputDirectory: temp.PathOf("out"));

        Assert.AreEqual(ExitCodes.Success, exitCode, errors);
        Assert.AreEqual("", output);
        Assert.AreEqual("kind: C  # kept\n", File.ReadAllText(temp.PathOf("out/sub/c.yaml")));
        Assert.AreEqual("kind: A\n", File.ReadAllText(temp.PathOf("out/a.yaml")));
    }

    [TestMethod]
    public void SearchRoot_IsTheNearestFolderWithGitOrASolution()
    {
        using var temp = new TempFolder();
        temp.Write("repo/shop.slnx", "<Solution />");
        Directory.CreateDirectory(temp.PathOf("repo/services/api"));

        Assert.AreEqual(temp.PathOf("repo"), ResolveCommand.SearchRoot(temp.PathOf("repo/services/api")));
    }

    private static (int ExitCode, string Output, string Errors) Resolve(string[] files, string? workingDirectory = null, bool recursive = false, string? outputDirectory = null)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var reporter = new ConsoleReporter(errors, errors, Verbosity.Minimal, interactive: false);
        var exitCode = ResolveCommand.Run(new ResolveOptions(files, recursive, outputDirectory, null, null, null, [], Verbosity.Minimal) { WorkingDirectory = workingDirectory },
            output, reporter, CancellationToken.None);
        return (exitCode, output.ToString(), errors.ToString());
    }
}
