using System.Text;
using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class LinkerStampTests
{
    [TestMethod]
    public void IsIn_ValueInTheData_IsTrue()
    {
        using var temp = new TempDirectory();
        var binary = temp.Write("app", "\u007fELF....rodata 1.2.3-rc.1 more");

        Assert.IsTrue(LinkerStamp.IsIn(binary, "main.version", "1.2.3-rc.1"));
    }

    [TestMethod]
    public void IsIn_ValueMissing_IsFalse()
    {
        using var temp = new TempDirectory();
        var binary = temp.Write("app", "\u007fELF....rodata 1.2.4 more");

        Assert.IsFalse(LinkerStamp.IsIn(binary, "main.version", "1.2.3"));
    }

    [TestMethod]
    public void IsIn_ValueOnlyInTheRecordedLdflags_IsFalse()
    {
        // Without -trimpath Go records -ldflags in the build information: that copy proves nothing.
        using var temp = new TempDirectory();
        var binary = temp.Write("app", "build\t-ldflags=\"-s -w -X main.nosuch=7.7.7\"\n");

        Assert.IsFalse(LinkerStamp.IsIn(binary, "main.nosuch", "7.7.7"));
    }

    [TestMethod]
    public void IsIn_ValueInTheLdflagsAndInTheData_IsTrue()
    {
        using var temp = new TempDirectory();
        var binary = Path.Combine(temp.Path, "app");
        File.WriteAllBytes(binary, Encoding.UTF8.GetBytes("-X main.version=7.7.7\"\0\0data:7.7.7\0"));

        Assert.IsTrue(LinkerStamp.IsIn(binary, "main.version", "7.7.7"));
    }

    [TestMethod]
    public void IsIn_EmptyValue_IsTrue_NothingToFind()
    {
        using var temp = new TempDirectory();
        var binary = temp.Write("app", "anything");

        Assert.IsTrue(LinkerStamp.IsIn(binary, "main.commit", ""));
    }
}
