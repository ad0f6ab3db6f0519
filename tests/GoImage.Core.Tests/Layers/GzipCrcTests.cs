using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

[TestClass]
public sealed class GzipCrcTests
{
    [TestMethod]
    public void Combine_OfTwoPieces_IsTheCrcOfTheWhole()
    {
        // Arrange
        var data = new byte[70_000];
        new Random(11).NextBytes(data);

        foreach (var cut in new[] { 0, 1, 3, 4096, 65_536, 69_999, 70_000 })
        {
            // Act
            var combined = GzipCrc.Combine(ReferenceCrc32.Compute(data.AsSpan(0, cut)), ReferenceCrc32.Compute(data.AsSpan(cut)), data.Length - cut);

            // Assert
            Assert.AreEqual(ReferenceCrc32.Compute(data), combined, $"cut at {cut}");
        }
    }

    [TestMethod]
    public void Combine_ZerosAppended_MatchesAndLengthsBeyondFourGiBCount()
    {
        // Arrange: CRC(A + B) where B is zeros is A's CRC advanced by |B| zero bytes; check a small case, then
        // that the length's high bits are honoured (2^32 + 1 zeros differs from 1 zero).
        var piece = "123456789"u8.ToArray();
        var zeros = new byte[5];
        var whole = piece.Concat(zeros).ToArray();

        // Act
        var combined = GzipCrc.Combine(ReferenceCrc32.Compute(piece), ReferenceCrc32.Compute(zeros), zeros.Length);
        var one = GzipCrc.Combine(0xCBF43926u, ReferenceCrc32.Compute([0]), 1);
        var far = GzipCrc.Combine(0xCBF43926u, ReferenceCrc32.Compute([0]), (1L << 32) + 1);

        // Assert
        Assert.AreEqual(ReferenceCrc32.Compute(whole), combined);
        Assert.AreNotEqual(one, far);
    }
}
