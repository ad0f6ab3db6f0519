using GoImage.Tool.Building;
using GoImage.Tool.Commands;

namespace GoImage.Tool.Tests.Building;

[TestClass]
public sealed class ProjectFileLocatorTests
{
    [TestMethod]
    public void Find_TakesTheOnlyProjectInTheCurrentFolder()
    {
        using var temp = new TempFolder();
        var project = temp.Write("app.goproj", "<Project />");
        temp.Write("go.mod", "module x");

        Assert.AreEqual(project, ProjectFileLocator.Find(temp.Path, null, "build"));
    }

    [TestMethod]
    public void Find_TakesAFileArgumentRelativeToTheCurrentFolder()
    {
        using var temp = new TempFolder();
        var project = temp.Write("svc/api.goproj", "<Project />");

        Assert.AreEqual(project, ProjectFileLocator.Find(temp.Path, "svc/api.goproj", "build"));
    }

    [TestMethod]
    public void Find_TakesTheOnlyProjectInAFolderArgument()
    {
        using var temp = new TempFolder();
        var project = temp.Write("svc/api.goproj", "<Project />");

        Assert.AreEqual(project, ProjectFileLocator.Find(temp.Path, "svc", "verify"));
    }

    [TestMethod]
    public void Find_RefusesAFolderWithoutProject_NamingTheCommandInTheExample()
    {
        using var temp = new TempFolder();

        var error = Assert.ThrowsExactly<CommandLineException>(() => ProjectFileLocator.Find(temp.Path, null, "verify")).Diagnostic;

        Assert.AreEqual("GOI4010", error.Code);
        StringAssert.Contains(error.Message, "goimage verify path/to/app.goproj");
    }

    [TestMethod]
    public void Find_RefusesAFolderWithSeveralProjectsNamingThem()
    {
        using var temp = new TempFolder();
        temp.Write("a.goproj", "<Project />");
        temp.Write("b.goproj", "<Project />");

        var error = Assert.ThrowsExactly<CommandLineException>(() => ProjectFileLocator.Find(temp.Path, null, "publish")).Diagnostic;

        Assert.AreEqual("GOI4011", error.Code);
        StringAssert.Contains(error.Message, "a.goproj, b.goproj");
        StringAssert.Contains(error.Message, "goimage publish a.goproj");
    }

    [TestMethod]
    public void Find_RefusesAMissingPath()
    {
        using var temp = new TempFolder();

        Assert.AreEqual("GOI4012", Assert.ThrowsExactly<CommandLineException>(() => ProjectFileLocator.Find(temp.Path, "nope.goproj", "build")).Diagnostic.Code);
    }

    [TestMethod]
    public void Find_RefusesAFileThatIsNotAGoproj()
    {
        using var temp = new TempFolder();
        temp.Write("go.mod", "module x");

        Assert.AreEqual("GOI4012", Assert.ThrowsExactly<CommandLineException>(() => ProjectFileLocator.Find(temp.Path, "go.mod", "verify")).Diagnostic.Code);
    }
}
