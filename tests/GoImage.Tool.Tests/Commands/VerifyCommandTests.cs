using GoImage.Tool.Commands;

namespace GoImage.Tool.Tests.Commands;

[TestClass]
public sealed class VerifyCommandTests
{
    [TestMethod]
    public async Task FolderWithoutProject_IsASetupError()
    {
        var folder = Directory.CreateTempSubdirectory("goimage-tool-tests-");
        try
        {
            var run = await ImageCommandRun.InvokeAsync(VerifyCommand.Create(), folder.FullName);

            Assert.AreEqual(2, run.ExitCode, run.ToString());
            StringAssert.StartsWith(run.Error, "error GOI4010: ");
            StringAssert.Contains(run.Error, "goimage verify path/to/app.goproj");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task UnknownVerbosity_IsRejectedByTheParser()
    {
        var run = await ImageCommandRun.InvokeAsync(VerifyCommand.Create(), "--verbosity", "loud");

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "loud");
    }

    [TestMethod]
    public async Task Help_DocumentsTheExitCodes()
    {
        var run = await ImageCommandRun.InvokeAsync(VerifyCommand.Create(), "--help");

        StringAssert.Contains(run.Output, "0 the two images are identical; 1 they differ; 2 a usage error or setup failed");
        StringAssert.Contains(run.Output, "--keep");
    }
}
