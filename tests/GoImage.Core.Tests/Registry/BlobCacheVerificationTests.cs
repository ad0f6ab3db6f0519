using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Registry;

namespace GoImage.Core.Tests.Registry;

/// <summary>A cached base-image blob is served only while it provably holds its digest's bytes.</summary>
[TestClass]
public sealed class BlobCacheVerificationTests
{
    private static async Task<(BlobCache Cache, Digest Digest, byte[] Content, List<Diagnostic> Warnings)> Cached(TempDirectory temp)
    {
        var warnings = new List<Diagnostic>();
        var cache = new BlobCache(temp.Combine("cache"), warnings.Add);
        var content = new byte[100_000];
        new Random(7).NextBytes(content);
        var digest = Digest.Of(content);
        await cache.AddBytesAsync(digest, content);
        return (cache, digest, content, warnings);
    }

    [TestMethod]
    public async Task AnUntouchedBlob_IsServed_WithoutAWarning()
    {
        using var temp = new TempDirectory();
        var (cache, digest, _, warnings) = await Cached(temp);

        Assert.IsTrue(cache.Contains(digest));
        Assert.IsTrue(cache.Contains(digest));
        Assert.AreEqual(0, warnings.Count);
    }

    [TestMethod]
    public async Task AFlippedByte_IsRemovedWithGOI3030_AndAddedAgain()
    {
        using var temp = new TempDirectory();
        var (cache, digest, content, warnings) = await Cached(temp);
        var altered = (byte[])content.Clone();
        altered[500] ^= 1;
        await File.WriteAllBytesAsync(cache.PathOf(digest), altered);

        Assert.IsFalse(cache.Contains(digest), "an altered blob is never served");
        Assert.IsFalse(File.Exists(cache.PathOf(digest)));
        Assert.AreEqual("GOI3030", warnings.Single().Code);

        await cache.AddBytesAsync(digest, content);
        Assert.IsTrue(cache.Contains(digest));
        CollectionAssert.AreEqual(content, await File.ReadAllBytesAsync(cache.PathOf(digest)));
    }

    [TestMethod]
    public async Task AByteFlippedInPlace_KeepingSizeAndMtime_IsStillCaught()
    {
        // Rewriting in place with the old mtime put back still moves the change time, which the fingerprint holds.
        using var temp = new TempDirectory();
        var (cache, digest, _, warnings) = await Cached(temp);
        var path = cache.PathOf(digest);
        var mtime = File.GetLastWriteTimeUtc(path);
        Thread.Sleep(20);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 10;
            var old = file.ReadByte();
            file.Position = 10;
            file.WriteByte((byte)(old ^ 0x5a));
        }

        File.SetLastWriteTimeUtc(path, mtime);

        Assert.IsFalse(cache.Contains(digest));
        Assert.AreEqual("GOI3030", warnings.Single().Code);
    }
}
