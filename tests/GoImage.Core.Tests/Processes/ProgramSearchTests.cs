using GoImage.Processes;

namespace GoImage.Core.Tests.Processes;

[TestClass]
public sealed class ProgramSearchTests
{
    [TestMethod]
    public void FindOnPath_GivesTheProgramInTheFirstFolderThatHoldsIt()
    {
        // Arrange
        using var temp = new TempDirectory();
        temp.CreateDirectory("empty");
        var first = temp.Write("a/tool", "");
        temp.Write("b/tool", "");
        var path = string.Join(Path.PathSeparator, temp.Combine("empty"), temp.Combine("a"), temp.Combine("b"));

        // Act
        var found = ProgramSearch.FindOnPath("tool", path);

        // Assert
        Assert.AreEqual(first, found);
    }

    [TestMethod]
    public void FindOnPath_SkipsRelativeFolders_WhichWouldResolveAgainstTheCurrentFolder()
    {
        // Arrange: the folder, written relative to the current one, holds the program, as a checked-out project could.
        using var temp = new TempDirectory();
        temp.Write("tool", "");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, temp.Path);
        Assert.IsTrue(File.Exists(Path.Combine(relative, "tool")), "the relative folder names the temp folder");

        // Act
        var found = ProgramSearch.FindOnPath("tool", relative);

        // Assert
        Assert.IsNull(found);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    public void FindOnPath_GivesNullWithoutAPath(string? path) =>
        Assert.IsNull(ProgramSearch.FindOnPath("sh", path));
}
