using GoImage.Images;
using GoImage.Registry;

namespace GoImage.Core.Tests.Registry;

[TestClass]
public sealed class BlobCacheTests
{
    [TestMethod]
    public async Task ConcurrentAddsOfTheSameDigest_LeaveOneFileWithTheRightBytes_AndNoTemporaryFiles()
    {
        // Arrange: every writer is held until all of them have their temporary file open, so they really race.
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        var content = new byte[256 * 1024];
        new Random(42).NextBytes(content);
        var digest = Digest.Of(content);
        const int Writers = 8;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = 0;

        // Act
        var paths = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => cache.AddAsync(digest, async output =>
        {
            if (Interlocked.Increment(ref writes) == Writers)
            {
                allStarted.SetResult();
            }

            await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await output.WriteAsync(content);
        }))));

        // Assert
        Assert.AreEqual(Writers, writes, "every writer was in flight at once");
        Assert.IsTrue(paths.All(p => p == cache.PathOf(digest)));
        CollectionAssert.AreEqual(content, await File.ReadAllBytesAsync(cache.PathOf(digest)));
        CollectionAssert.AreEqual(new[] { cache.PathOf(digest) }, Directory.GetFiles(Path.Combine(cache.Directory, "sha256")));
        Assert.AreEqual(0, Directory.GetFiles(cache.Directory, "*.tmp", SearchOption.AllDirectories).Length);
    }

    [TestMethod]
    public async Task AWriteThatThrows_LeavesNothing()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        var digest = Digest.Of("content"u8);

        // Act
        await Assert.ThrowsExactlyAsync<IOException>(() => cache.AddAsync(digest, async output =>
        {
            await output.WriteAsync("cont"u8.ToArray());
            throw new IOException("the download broke");
        }));

        // Assert
        Assert.IsFalse(cache.Contains(digest));
        Assert.IsEmpty(Directory.GetFiles(cache.Directory, "*", SearchOption.AllDirectories));
    }

    [TestMethod]
    public async Task ABlobBeingWritten_IsNotYetInTheCache()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        var content = "content"u8.ToArray();
        var digest = Digest.Of(content);
        var seenWhileWriting = true;

        // Act
        await cache.AddAsync(digest, async output =>
        {
            await output.WriteAsync(content);
            await output.FlushAsync();
            seenWhileWriting = cache.Contains(digest);
        });

        // Assert
        Assert.IsFalse(seenWhileWriting);
        Assert.IsTrue(cache.Contains(digest));
    }

    [TestMethod]
    public async Task AddingABlobAlreadyCached_DoesNotWriteAgain()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        var content = "content"u8.ToArray();
        var digest = Digest.Of(content);
        await cache.AddBytesAsync(digest, content);

        // Act
        var path = await cache.AddAsync(digest, _ => throw new AssertFailedException("the blob is cached already"));

        // Assert
        Assert.AreEqual(cache.PathOf(digest), path);
        CollectionAssert.AreEqual(content, await File.ReadAllBytesAsync(path));
    }

    [TestMethod]
    public async Task AddBytes_OfContentWithAnotherDigest_IsRefused_AndLeavesNothing()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        var digest = Digest.Of("expected"u8);

        // Act
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => cache.AddBytesAsync(digest, "tampered"u8.ToArray()));

        // Assert
        Assert.IsFalse(cache.Contains(digest));
        Assert.IsFalse(Directory.Exists(cache.Directory) && Directory.EnumerateFiles(cache.Directory, "*", SearchOption.AllDirectories).Any());
    }

    [TestMethod]
    public async Task AddBytes_StoresTheBlobUnderSha256AndItsHex()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        var content = "manifest"u8.ToArray();
        var digest = Digest.Of(content);

        // Act
        var path = await cache.AddBytesAsync(digest, content);

        // Assert
        Assert.AreEqual(Path.Combine(cache.Directory, "sha256", digest.Hex), path);
        CollectionAssert.AreEqual(content, File.ReadAllBytes(path));
    }
}
