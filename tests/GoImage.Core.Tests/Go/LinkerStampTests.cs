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
    [TestMethod]
    public void IsIn_ReadInSmallWindows_JudgesEveryOffset_AsAWholeRead()
    {
        // Arrange: the value after the flag (not a stamp) and, at every offset around the cut of 16-byte windows, once
        // alone (a stamp); the window reads must agree with one read of the whole file at each placement.
        using var temp = new TempDirectory();
        var binary = Path.Combine(temp.Path, "app");
        const string flag = "-X main.version=";
        for (var offset = 0; offset < 100; offset++)
        {
            var filler = new string('.', offset);
            foreach (var (content, stamped) in new[]
            {
                (filler + flag + "7.7.7" + "\0tail", false),
                (filler + "7.7.7" + "\0tail", true),
                (filler + flag + "7.7.7" + "\0" + filler + "7.7.7", true),
                (filler + "main.version=" + "7.7.7", false),
                (filler + "7.7.", false),
            })
            {
                File.WriteAllBytes(binary, Encoding.UTF8.GetBytes(content));

                // Act
                var small = LinkerStamp.IsIn(binary, "main.version", "7.7.7", windowSize: 16);
                var whole = LinkerStamp.IsIn(binary, "main.version", "7.7.7");

                // Assert
                Assert.AreEqual(stamped, small, $"16-byte windows, offset {offset}: {content}");
                Assert.AreEqual(stamped, whole, $"one read, offset {offset}: {content}");
            }
        }
    }
}
