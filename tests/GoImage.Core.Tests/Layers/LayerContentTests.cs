using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

[TestClass]
public sealed class LayerContentTests
{
    private static string Key(params LayerEntry[] entries) => Key(0, entries);

    private static string Key(long mtime, params LayerEntry[] entries) =>
        LayerContent.Create("test", entries, mtime).CacheKey(LayerCompression.Gzip, CancellationToken.None);

    private static LayerEntry Hello(byte[]? content = null, int mode = SampleImage.Mode0755) =>
        LayerEntry.File("app/hello", content ?? "binary"u8.ToArray(), mode);

    [TestMethod]
    public void Create_AddsEveryParentAsRootOwnedFolder()
    {
        // Act
        var content = LayerContent.Create("test", [LayerEntry.File("/a/b/c.txt", "x"u8.ToArray())], 0);

        // Assert
        CollectionAssert.AreEqual(new[] { "a", "a/b", "a/b/c.txt" }, content.Entries.Select(e => e.Path).ToArray());
        foreach (var parent in content.Entries.Take(2))
        {
            Assert.AreEqual(LayerEntryKind.Directory, parent.Kind);
            Assert.AreEqual(SampleImage.Mode0755, parent.Mode);
            Assert.AreEqual((0, 0), (parent.Uid, parent.Gid));
        }
    }

    [TestMethod]
    public void Create_KeepsListedParentAsListed()
    {
        // Arrange
        var home = LayerEntry.Directory("home/nonroot", 0b111_000_000) with { Uid = 65532, Gid = 65532 };

        // Act
        var content = LayerContent.Create("test", [LayerEntry.File("home/nonroot/.profile", []), home], 0);

        // Assert
        CollectionAssert.AreEqual(new[] { "home", "home/nonroot", "home/nonroot/.profile" }, content.Entries.Select(e => e.Path).ToArray());
        Assert.AreSame(home, content.Entries[1]);
    }

    [TestMethod]
    public void Create_SortsPathsOrdinally()
    {
        // Arrange
        var entries = new[] { "b", "a/x", "B", "a.b", "a-b/x" }.Select(p => LayerEntry.File(p, []));

        // Act
        var content = LayerContent.Create("test", entries, 0);

        // Assert: byte order ('-' < '.' < '/' < 'B' < 'a'), not culture order; parents still precede children.
        CollectionAssert.AreEqual(
            new[] { "B", "a", "a-b", "a-b/x", "a.b", "a/x", "b" },
            content.Entries.Select(e => e.Path).ToArray());
    }

    [TestMethod]
    public void Create_SamePathTwice_Throws()
    {
        // Act and Assert: '/etc/x' and 'etc/x' are one path in the image.
        var error = Assert.ThrowsExactly<ArgumentException>(() => LayerContent.Create(
            "test", [LayerEntry.File("/etc/x", []), LayerEntry.File("etc/x", [])], 0));
        StringAssert.Contains(error.Message, "'/etc/x' appears twice");
    }

    [TestMethod]
    public void Create_FileUsedAsFolder_Throws()
    {
        // Act and Assert
        Assert.ThrowsExactly<ArgumentException>(() => LayerContent.Create(
            "test", [LayerEntry.File("etc", []), LayerEntry.File("etc/passwd", [])], 0));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("/")]
    [DataRow("a/../b")]
    [DataRow("./a")]
    public void Entry_PathOutsideTheImage_Throws(string path)
    {
        // Act and Assert
        Assert.ThrowsExactly<ArgumentException>(() => LayerEntry.File(path, []));
    }

    [TestMethod]
    public void CacheKey_IsSameForSameContentBuiltAgain()
    {
        // Act
        var first = Key(Hello(), LayerEntry.Symlink("bin/hello", "/app/hello"));
        var second = Key(LayerEntry.Symlink("bin/hello", "/app/hello"), Hello());

        // Assert: input order does not matter, the sorted entries do.
        Assert.AreEqual(first, second);
        Assert.AreEqual(64, first.Length);
    }

    [TestMethod]
    public void CacheKey_IgnoresNameAndWhereContentIsRead()
    {
        // Arrange: the same bytes from memory and from a file, under another layer name.
        using var temp = new TempDirectory();
        var file = temp.Write("hello", "binary");

        // Act
        var fromMemory = LayerContent.Create("one", [Hello()], 0).CacheKey(LayerCompression.Gzip, CancellationToken.None);
        var fromFile = LayerContent.Create("other", [LayerEntry.FromFile("app/hello", file, SampleImage.Mode0755)], 0).CacheKey(LayerCompression.Gzip, CancellationToken.None);

        // Assert
        Assert.AreEqual(fromMemory, fromFile);
    }

    [TestMethod]
    public void CacheKey_ChangesWithContent()
    {
        Assert.AreNotEqual(Key(Hello()), Key(Hello("binarY"u8.ToArray())));
    }

    [TestMethod]
    public void CacheKey_ChangesWithMode()
    {
        Assert.AreNotEqual(Key(Hello()), Key(Hello(mode: SampleImage.Mode0644)));
    }

    [TestMethod]
    public void CacheKey_ChangesWithMtime()
    {
        Assert.AreNotEqual(Key(0, Hello()), Key(1, Hello()));
    }

    [TestMethod]
    public void CacheKey_ChangesWithPath()
    {
        Assert.AreNotEqual(Key(Hello()), Key(LayerEntry.File("app/hellO", "binary"u8.ToArray(), SampleImage.Mode0755)));
    }

    [TestMethod]
    public void CacheKey_ChangesWithOwner()
    {
        Assert.AreNotEqual(Key(Hello()), Key(Hello() with { Uid = 65532 }));
        Assert.AreNotEqual(Key(Hello()), Key(Hello() with { Gid = 65532 }));
    }

    [TestMethod]
    public void CacheKey_ChangesWithLinkTarget()
    {
        Assert.AreNotEqual(Key(LayerEntry.Symlink("bin/x", "/a")), Key(LayerEntry.Symlink("bin/x", "/b")));
    }

    [TestMethod]
    public void CacheKey_ChangesWithKind()
    {
        Assert.AreNotEqual(Key(LayerEntry.Directory("x")), Key(LayerEntry.File("x", [], SampleImage.Mode0755)));
    }

    [TestMethod]
    public void CacheKey_ChangesWhenAFileOnDiskChanges()
    {
        // Arrange
        using var temp = new TempDirectory();
        var file = temp.Write("hello", "one");
        var content = LayerContent.Create("app", [LayerEntry.FromFile("app/hello", file, SampleImage.Mode0755)], 0);
        var before = content.CacheKey(LayerCompression.Gzip, CancellationToken.None);

        // Act: same path, size and name; other bytes.
        temp.Write("hello", "two");

        // Assert
        Assert.AreNotEqual(before, content.CacheKey(LayerCompression.Gzip, CancellationToken.None));
    }

    [TestMethod]
    public void CacheKey_CanceledToken_Throws()
    {
        // Arrange
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();

        // Act and Assert
        Assert.ThrowsExactly<OperationCanceledException>(() => LayerContent.Create("x", [Hello()], 0).CacheKey(LayerCompression.Gzip, canceled.Token));
    }
    [TestMethod]
    public void Embedded_CacheKey_IsMadeWithoutMakingTheEntries()
    {
        // Arrange
        var content = LayerContent.Embedded("base", "base 1 abc", () => throw new AssertFailedException("the key made the entries"), 0);

        // Act
        var key = content.CacheKey(LayerCompression.Gzip, CancellationToken.None);

        // Assert
        Assert.AreEqual(64, key.Length);
    }

    [TestMethod]
    public void Embedded_CacheKey_ChangesWithTheIdentityAndTheMtime_NotTheName()
    {
        static string EmbeddedKey(string name, string identity, long mtime) =>
            LayerContent.Embedded(name, identity, () => [Hello()], mtime).CacheKey(LayerCompression.Gzip, CancellationToken.None);

        var key = EmbeddedKey("base", "base 1 abc", 0);

        Assert.AreNotEqual(key, EmbeddedKey("base", "base 1 abd", 0));
        Assert.AreNotEqual(key, EmbeddedKey("base", "base 1 abc", 1));
        Assert.AreEqual(key, EmbeddedKey("other name", "base 1 abc", 0));
        Assert.AreNotEqual(key, Key(Hello()), "an embedded layer never shares a key with a listed one");
    }

    [TestMethod]
    public void Embedded_Entries_AreCompletedAndSortedLikeCreated()
    {
        var embedded = LayerContent.Embedded("base", "id", () => [Hello(), LayerEntry.File("a/b", "x"u8.ToArray())], 0);
        var created = LayerContent.Create("base", [Hello(), LayerEntry.File("a/b", "x"u8.ToArray())], 0);

        CollectionAssert.AreEqual(created.Entries.Select(e => e.Path).ToArray(), embedded.Entries.Select(e => e.Path).ToArray());
    }
}
