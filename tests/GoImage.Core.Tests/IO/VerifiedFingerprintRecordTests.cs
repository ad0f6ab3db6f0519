using GoImage.IO;
using GoImage.Testing;

namespace GoImage.Core.Tests.IO;

[TestClass]
public sealed class VerifiedFingerprintRecordTests
{
    [TestMethod]
    public void AFileAdded_MatchesAfterTheRecordIsSavedAndReadAgain()
    {
        // Arrange
        using var temp = new TempDirectory();
        var file = temp.Combine("blob");
        File.WriteAllText(file, "content");
        var record = VerifiedFingerprintRecord.Empty(temp.Combine("record"));
        record.Add("blobs/sha256/a", file);

        // Act
        record.Save();
        var read = VerifiedFingerprintRecord.Read(temp.Combine("record"));

        // Assert
        Assert.IsTrue(read.Matches("blobs/sha256/a", file));
        Assert.IsFalse(read.Matches("blobs/sha256/b", file), "only the name it was recorded under");
    }

    [TestMethod]
    public void AFileWrittenAgain_WithTheSameBytes_NoLongerMatches()
    {
        // Arrange: any write moves ctime, whatever it writes.
        using var temp = new TempDirectory();
        var file = temp.Combine("blob");
        File.WriteAllText(file, "content");
        var record = VerifiedFingerprintRecord.Empty(temp.Combine("record"));
        record.Add("a", file);
        record.Save();
        Thread.Sleep(10);

        // Act
        File.WriteAllText(file, "content");

        // Assert
        Assert.IsFalse(VerifiedFingerprintRecord.Read(temp.Combine("record")).Matches("a", file));
    }

    [TestMethod]
    public void AReadersRecord_ThatDidNotExist_IsNeverCreated()
    {
        // Arrange
        using var temp = new TempDirectory();
        var file = temp.Combine("blob");
        File.WriteAllText(file, "content");
        var record = VerifiedFingerprintRecord.Read(temp.Combine("record"));
        record.Add("a", file);

        // Act
        record.Save();

        // Assert
        Assert.IsFalse(File.Exists(temp.Combine("record")));
    }

    [TestMethod]
    public void ADamagedRecord_MatchesNothing()
    {
        // Arrange
        using var temp = new TempDirectory();
        var file = temp.Combine("blob");
        File.WriteAllText(file, "content");
        File.WriteAllText(temp.Combine("record"), "a\n\nnot a fingerprint at all\na 1 2 3\n");

        // Act
        var record = VerifiedFingerprintRecord.Read(temp.Combine("record"));

        // Assert
        Assert.IsFalse(record.Matches("a", file));
        Assert.IsFalse(record.Matches("not", file));
    }

    [TestMethod]
    public void ASymlink_IsNeverRecordedOrMatched()
    {
        // Arrange: a link's target can change without the link's own times moving.
        using var temp = new TempDirectory();
        var file = temp.Combine("blob");
        File.WriteAllText(file, "content");
        File.CreateSymbolicLink(temp.Combine("link"), file);
        var record = VerifiedFingerprintRecord.Empty(temp.Combine("record"));

        // Act
        record.Add("a", temp.Combine("link"));
        record.Save();

        // Assert
        Assert.IsFalse(VerifiedFingerprintRecord.Read(temp.Combine("record")).Matches("a", temp.Combine("link")));
        Assert.AreEqual("", File.ReadAllText(temp.Combine("record")));
    }
}
