using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class GoInputRecordTests
{
    // A module folder with two sources and an embedded file, and the input set a build of it records.
    private static GoInputSet Inputs(TempDirectory dir)
    {
        var inputs = new GoInputSet();
        inputs.Files.Add(dir.Write("app/main.go", "package main\n"));
        inputs.Files.Add(dir.Write("app/server.go", "package main\n"));
        inputs.Files.Add(dir.Write("app/static/index.html", "<html></html>\n"));
        inputs.PackageDirectories.Add(dir.Combine("app"));
        inputs.EmbedDirectories.Add(dir.Combine("app/static"));
        return inputs;
    }

    [TestMethod]
    public void Read_ReturnsTheWrittenFiles()
    {
        // Arrange
        using var dir = new TempDirectory();
        var inputs = Inputs(dir);
        var record = dir.Combine("obj/goimage.inputs");
        GoInputRecord.Write(record, inputs);

        // Act
        var (files, _) = GoInputRecord.Read(record);

        // Assert
        CollectionAssert.AreEqual(inputs.Files.ToArray(), files.ToArray());
    }

    [TestMethod]
    public void Read_ReportsNoChangeRightAfterWrite()
    {
        // Arrange
        using var dir = new TempDirectory();
        var record = dir.Combine("obj/goimage.inputs");
        GoInputRecord.Write(record, Inputs(dir));

        // Act
        var (_, changed) = GoInputRecord.Read(record);

        // Assert
        Assert.IsFalse(changed);
    }

    [TestMethod]
    public void Read_ReportsChangeWhenFileIsAddedToRecordedDirectory()
    {
        // Arrange
        using var dir = new TempDirectory();
        var record = dir.Combine("obj/goimage.inputs");
        GoInputRecord.Write(record, Inputs(dir));
        dir.Write("app/extra.go", "package main\n");

        // Act
        var (_, changed) = GoInputRecord.Read(record);

        // Assert
        Assert.IsTrue(changed);
    }

    [TestMethod]
    public void Read_ReportsChangeWhenFileIsRemovedFromRecordedDirectory()
    {
        // Arrange
        using var dir = new TempDirectory();
        var record = dir.Combine("obj/goimage.inputs");
        GoInputRecord.Write(record, Inputs(dir));
        File.Delete(dir.Combine("app/server.go"));

        // Act
        var (_, changed) = GoInputRecord.Read(record);

        // Assert
        Assert.IsTrue(changed);
    }

    [TestMethod]
    public void Read_ReportsChangeWhenRecordedDirectoryIsDeleted()
    {
        // Arrange
        using var dir = new TempDirectory();
        var record = dir.Combine("obj/goimage.inputs");
        GoInputRecord.Write(record, Inputs(dir));
        Directory.Delete(dir.Combine("app/static"), recursive: true);

        // Act
        var (_, changed) = GoInputRecord.Read(record);

        // Assert
        Assert.IsTrue(changed);
    }

    [TestMethod]
    public void Read_IgnoresNewSubfolderOfRecordedDirectory()
    {
        // Arrange: a new subpackage folder has its own record; the parent's listing holds files only.
        using var dir = new TempDirectory();
        var record = dir.Combine("obj/goimage.inputs");
        GoInputRecord.Write(record, Inputs(dir));
        dir.CreateDirectory("app/internal");

        // Act
        var (_, changed) = GoInputRecord.Read(record);

        // Assert
        Assert.IsFalse(changed);
    }

    [TestMethod]
    public void Read_IgnoresNonSourceFileAddedToPackageDirectory()
    {
        // Arrange: an editor's swap file beside the sources is not an input.
        using var dir = new TempDirectory();
        var record = dir.Combine("obj/goimage.inputs");
        GoInputRecord.Write(record, Inputs(dir));
        dir.Write("app/.main.go.swp", "swap");

        // Act
        var (_, changed) = GoInputRecord.Read(record);

        // Assert
        Assert.IsFalse(changed);
    }

    [TestMethod]
    public void Read_ReportsChangeWhenAnyFileIsAddedToEmbedDirectory()
    {
        // Arrange
        using var dir = new TempDirectory();
        var record = dir.Combine("obj/goimage.inputs");
        GoInputRecord.Write(record, Inputs(dir));
        dir.Write("app/static/logo.svg", "<svg/>");

        // Act
        var (_, changed) = GoInputRecord.Read(record);

        // Assert
        Assert.IsTrue(changed);
    }

    [TestMethod]
    public void Read_ReportsChangeWhenSubfolderIsAddedToEmbedDirectory()
    {
        // Arrange: //go:embed static takes the whole tree, so a new folder there may be new content.
        using var dir = new TempDirectory();
        var record = dir.Combine("obj/goimage.inputs");
        GoInputRecord.Write(record, Inputs(dir));
        dir.CreateDirectory("app/static/css");

        // Act
        var (_, changed) = GoInputRecord.Read(record);

        // Assert
        Assert.IsTrue(changed);
    }

    [TestMethod]
    public void Read_TreatsMissingRecordAsChanged()
    {
        // Arrange
        using var dir = new TempDirectory();

        // Act
        var (files, changed) = GoInputRecord.Read(dir.Combine("obj/goimage.inputs"));

        // Assert
        Assert.IsTrue(changed);
        Assert.AreEqual(0, files.Count);
    }

    [TestMethod]
    public void Read_TreatsCorruptHeaderAsChanged()
    {
        // Arrange
        using var dir = new TempDirectory();
        var record = dir.Combine("obj/goimage.inputs");
        GoInputRecord.Write(record, Inputs(dir));
        var lines = File.ReadAllLines(record);
        lines[0] = "goimage-inputs 0";
        File.WriteAllLines(record, lines);

        // Act
        var (files, changed) = GoInputRecord.Read(record);

        // Assert
        Assert.IsTrue(changed);
        Assert.AreEqual(0, files.Count);
    }

    [TestMethod]
    public void Read_TreatsUnknownLineAsChanged()
    {
        // Arrange
        using var dir = new TempDirectory();
        var record = dir.Combine("obj/goimage.inputs");
        GoInputRecord.Write(record, Inputs(dir));
        File.AppendAllText(record, "x\tsomething\n");

        // Act
        var (_, changed) = GoInputRecord.Read(record);

        // Assert
        Assert.IsTrue(changed);
    }

    [TestMethod]
    public void Write_LeavesNoTemporaryFile()
    {
        // Arrange
        using var dir = new TempDirectory();
        var record = dir.Combine("obj/goimage.inputs");

        // Act
        GoInputRecord.Write(record, Inputs(dir));

        // Assert
        CollectionAssert.AreEqual(new[] { record }, Directory.GetFiles(dir.Combine("obj")));
    }
}
