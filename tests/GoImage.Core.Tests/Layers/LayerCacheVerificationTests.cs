using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

/// <summary>A cache entry is served only after its bytes hash to its digest; a bad one is removed, reported and rebuilt.</summary>
[TestClass]
public sealed class LayerCacheVerificationTests
{
    private static LayerContent Content() =>
        LayerContent.Create("app", [LayerEntry.File("app/hello", new byte[64 * 1024], SampleImage.Mode0755)], SampleImage.Mtime);

    private static void FlipByte(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0x01));
    }

    [TestMethod]
    public void FlippedByteInTheProjectCache_IsRepairedWithAWarning()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("obj");
        var reference = new LayerCache(project, null).GetOrWrite(Content(), CancellationToken.None);
        FlipByte(reference.BlobPath, reference.Size / 2);

        var cache = new LayerCache(project, null);
        var layer = cache.GetOrWrite(Content(), CancellationToken.None);

        Assert.AreEqual(reference.Digest, layer.Digest);
        Assert.AreEqual(layer.Digest, Digest.OfFile(layer.BlobPath), "the served blob must be the bytes its digest names");
        Assert.AreEqual((1, 0), (cache.Written, cache.Reused));
        Assert.AreEqual("GOI2045", cache.Repairs.Single().Code);
        Assert.IsTrue(cache.Repairs.Single().IsWarning);
    }

    [TestMethod]
    public void FlippedByteInTheSharedCache_NeverSpreadsToTheProjectCache()
    {
        using var temp = new TempDirectory();
        var shared = temp.Combine("shared");
        var reference = new LayerCache(temp.Combine("first/obj"), shared).GetOrWrite(Content(), CancellationToken.None);
        var sharedBlob = Path.Combine(shared, Path.GetFileName(reference.BlobPath));
        FlipByte(sharedBlob, 20);

        var cache = new LayerCache(temp.Combine("second/obj"), shared);
        var layer = cache.GetOrWrite(Content(), CancellationToken.None);

        Assert.AreEqual(reference.Digest, layer.Digest);
        Assert.AreEqual(layer.Digest, Digest.OfFile(layer.BlobPath));
        Assert.AreEqual(reference.Digest, Digest.OfFile(sharedBlob), "the shared entry is rebuilt too");
        Assert.AreEqual("GOI2045", cache.Repairs.Single().Code);
    }

    [TestMethod]
    public void TruncatedEntry_IsRepairedWithAWarning()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("obj");
        var reference = new LayerCache(project, null).GetOrWrite(Content(), CancellationToken.None);
        using (var file = new FileStream(reference.BlobPath, FileMode.Open))
        {
            file.SetLength(reference.Size - 3);
        }

        var cache = new LayerCache(project, null);
        var layer = cache.GetOrWrite(Content(), CancellationToken.None);

        Assert.AreEqual(reference.Digest, Digest.OfFile(layer.BlobPath));
        Assert.AreEqual("GOI2045", cache.Repairs.Single().Code);
    }

    [TestMethod]
    public void TempFilesOfAKilledRun_AreRemovedByTheNextOne()
    {
        using var temp = new TempDirectory();
        var project = temp.CreateDirectory("obj");
        var shared = temp.CreateDirectory("shared");
        // A process id that cannot be running (above the kernel's pid_max), and one that is: this one.
        var dead = temp.Write($"obj/abc.tar.gz.{Guid.NewGuid():N}.{int.MaxValue}.tmp", "half");
        var deadShared = temp.Write($"shared/abc.tar.gz.{Guid.NewGuid():N}.{int.MaxValue}.tmp", "half");
        var alive = temp.Write($"shared/def.tar.gz.{Guid.NewGuid():N}.{Environment.ProcessId}.tmp", "being written");

        new LayerCache(project, shared).GetOrWrite(Content(), CancellationToken.None);

        Assert.IsFalse(File.Exists(dead));
        Assert.IsFalse(File.Exists(deadShared));
        Assert.IsTrue(File.Exists(alive), "a temp file of a running build is left alone");
    }
}
