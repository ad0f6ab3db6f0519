using GoImage.Diagnostics;
using GoImage.Tool.Building;

namespace GoImage.Tool.Tests;

[TestClass]
public sealed class ProjectFileLocatorTests
{
    [TestMethod]
    public void Find_TakesTheOnlyProjectInTheCurrentFolder()
    {
        using var temp = new TempFolder();
        var project = temp.Write("app.goproj", "<Project />");
        temp.Write("go.mod", "module x");

        Assert.AreEqual(project, ProjectFileLocator.Find(temp.Path, null));
    }

    [TestMethod]
    public void Find_TakesAFileArgumentRelativeToTheCurrentFolder()
    {
        using var temp = new TempFolder();
        var project = temp.Write("svc/api.goproj", "<Project />");

        Assert.AreEqual(project, ProjectFileLocator.Find(temp.Path, "svc/api.goproj"));
    }

    [TestMethod]
    public void Find_RefusesAFolderWithoutProject()
    {
        using var temp = new TempFolder();

        Assert.AreEqual("GOI4010", Assert.ThrowsExactly<GoImageException>(() => ProjectFileLocator.Find(temp.Path, null)).Diagnostic.Code);
    }

    [TestMethod]
    public void Find_RefusesAFolderWithSeveralProjectsNamingThem()
    {
        using var temp = new TempFolder();
        temp.Write("a.goproj", "<Project />");
        temp.Write("b.goproj", "<Project />");

        var error = Assert.ThrowsExactly<GoImageException>(() => ProjectFileLocator.Find(temp.Path, null)).Diagnostic;

        Assert.AreEqual("GOI4011", error.Code);
        StringAssert.Contains(error.Message, "a.goproj, b.goproj");
    }

    [TestMethod]
    public void Find_RefusesAMissingPath()
    {
        using var temp = new TempFolder();

        Assert.AreEqual("GOI4012", Assert.ThrowsExactly<GoImageException>(() => ProjectFileLocator.Find(temp.Path, "nope.goproj")).Diagnostic.Code);
    }
}
