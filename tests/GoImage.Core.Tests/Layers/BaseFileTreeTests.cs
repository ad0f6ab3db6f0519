using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using GoImage.Diagnostics;
using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

[TestClass]
public sealed class BaseFileTreeTests
{
    // A layer blob as other tools write them: entries are "path" (file with content), "path/" (folder), "path -> target" (symlink), "path => target" (hard link).
    internal static string Layer(TempDirectory temp, params (string Entry, byte[]? Content)[] entries)
    {
        var path = temp.Combine(Guid.NewGuid().ToString("N") + ".tar.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (entry, content) in entries)
            {
                var parts = entry.Split([" -> ", " => "], StringSplitOptions.None);
                if (entry.Contains(" -> ", StringComparison.Ordinal))
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, parts[0]) { LinkName = parts[1] });
                }
                else if (entry.Contains(" => ", StringComparison.Ordinal))
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, parts[0]) { LinkName = parts[1] });
                }
                else if (entry.EndsWith('/'))
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, entry));
                }
                else
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entry) { DataStream = new MemoryStream(content ?? []) });
                }
            }
        }

        return path;
    }

    private static (string, byte[]?) Entry(string entry, string? content = null) => (entry, content is null ? null : Encoding.UTF8.GetBytes(content));

    [TestMethod]
    public void UsrmergeLinks_ResolveTheLoaderPath_ToTheFileUnderUsr()
    {
        using var temp = new TempDirectory();
        var layer = Layer(temp,
            Entry("./lib -> usr/lib"), Entry("./lib64 -> usr/lib64"), Entry("./usr/"), Entry("./usr/lib/"), Entry("./usr/lib64/"),
            Entry("./usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "loader"),
            Entry("./usr/lib64/ld-linux-x86-64.so.2 -> ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"));

        var tree = BaseFileTree.Read([layer], CancellationToken.None);

        var path = tree.ResolveFile("/lib64/ld-linux-x86-64.so.2");
        Assert.AreEqual("usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", path);
        Assert.AreEqual("loader", Encoding.UTF8.GetString(tree.ReadFile(path!, 1024, CancellationToken.None)));
    }

    [TestMethod]
    public void AZstdLayerOverAGzipOne_IsMergedAndItsFilesRead()
    {
        // Arrange: the upper layer recompressed as zstd, as a registry base built by podman or buildkit may ship it.
        using var temp = new TempDirectory();
        var bottom = Layer(temp, Entry("lib/libc.so.6", "old"), Entry("lib/libm.so.6", "m"));
        var gzip = Layer(temp, Entry("lib/.wh.libm.so.6"), Entry("lib/libc.so.6", "new libc"));
        var top = temp.Combine("top.tar.zst");
        using (var input = new GZipStream(File.OpenRead(gzip), CompressionMode.Decompress))
        using (var output = File.Create(top))
        using (var zstd = new ZstdSharp.CompressionStream(output, level: 3))
        {
            input.CopyTo(zstd);
        }

        // Act
        var tree = BaseFileTree.Read([bottom, top], CancellationToken.None);

        // Assert
        Assert.IsNull(tree.ResolveFile("/lib/libm.so.6"));
        Assert.AreEqual("new libc", Encoding.UTF8.GetString(tree.ReadFile("lib/libc.so.6", 1024, CancellationToken.None)));
    }

    [TestMethod]
    public void AWhiteoutInAnUpperLayer_HidesTheFile_AndAnOpaqueFolderHidesWhatWasBelow()
    {
        using var temp = new TempDirectory();
        var bottom = Layer(temp, Entry("lib/libc.so.6", "old"), Entry("lib/libm.so.6", "m"), Entry("opt/a/libx.so", "x"));
        var top = Layer(temp, Entry("lib/.wh.libc.so.6"), Entry("opt/a/.wh..wh..opq"), Entry("opt/a/liby.so", "y"));

        var tree = BaseFileTree.Read([bottom, top], CancellationToken.None);

        Assert.IsNull(tree.ResolveFile("/lib/libc.so.6"));
        Assert.AreEqual("lib/libm.so.6", tree.ResolveFile("/lib/libm.so.6"));
        Assert.IsNull(tree.ResolveFile("/opt/a/libx.so"));
        Assert.AreEqual("opt/a/liby.so", tree.ResolveFile("/opt/a/liby.so"));
    }

    [TestMethod]
    public void AHardLink_ReadsItsTargetsBytes()
    {
        using var temp = new TempDirectory();
        var layer = Layer(temp, Entry("lib/libc-2.36.so", "libc bytes"), Entry("lib/libc.so.6 => lib/libc-2.36.so"));

        var tree = BaseFileTree.Read([layer], CancellationToken.None);

        Assert.AreEqual("libc bytes", Encoding.UTF8.GetString(tree.ReadFile(tree.ResolveFile("/lib/libc.so.6")!, 1024, CancellationToken.None)));
    }

    [TestMethod]
    public void ASymlinkLoop_ResolvesToNothing()
    {
        using var temp = new TempDirectory();
        var layer = Layer(temp, Entry("a -> b"), Entry("b -> a"));

        Assert.IsNull(BaseFileTree.Read([layer], CancellationToken.None).ResolveFile("/a/libc.so.6"));
    }

    [TestMethod]
    public void ALayerThatIsNoTar_IsGoi2117()
    {
        using var temp = new TempDirectory();
        var blob = temp.Write("blob", new string('x', 2000));

        var e = Assert.ThrowsExactly<GoImageException>(() => BaseFileTree.Read([blob], CancellationToken.None));

        Assert.AreEqual(Diagnostic.Codes.StartBaseLayerUnreadable, e.Diagnostic.Code);
    }
}
