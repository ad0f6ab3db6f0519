using GoImage.Tool.Scaffolding;

namespace GoImage.Tool.Tests.Scaffolding;

[TestClass]
public sealed class GoPackageClauseTests
{
    [TestMethod]
    public void Read_FindsTheClauseAfterLicenseAndDocComments()
    {
        var clause = GoPackageClause.Read("""
            /*
             * Copyright
             */

            // Command api serves the shop.
            package main // the command

            import "fmt"
            """);

        Assert.AreEqual(new GoPackageClause("main", false), clause);
    }

    [TestMethod]
    public void Read_MarksFilesExcludedByTheIgnoreConstraint() =>
        Assert.AreEqual(new GoPackageClause("main", true), GoPackageClause.Read("//go:build ignore\n\npackage main\n"));

    [TestMethod]
    public void Read_KeepsFilesWithOtherConstraints() =>
        Assert.AreEqual(new GoPackageClause("main", false), GoPackageClause.Read("//go:build linux && !ignored\n\npackage main\n"));

    [TestMethod]
    public void Read_GivesTheLibraryPackageName() =>
        Assert.AreEqual("greeting", GoPackageClause.Read("package greeting\n")?.Name);

    [TestMethod]
    public void Read_GivesNullWithoutAClause() =>
        Assert.IsNull(GoPackageClause.Read("// just a comment\nfunc main() {}\n"));
}
