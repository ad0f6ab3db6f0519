using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

[TestClass]
public sealed class BaseAccountReaderTests
{
    // A layer blob written the way other tools write them (GNU/PAX tar from .NET's TarWriter), gzip or plain.
    private static string Layer(TempDirectory temp, bool gzip, params (string Name, string? Content)[] entries)
    {
        var path = temp.Combine(Guid.NewGuid().ToString("N") + (gzip ? ".tar.gz" : ".tar"));
        using (var file = File.Create(path))
        using (var output = gzip ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file)
        using (var writer = new TarWriter(output, TarEntryFormat.Pax))
        {
            foreach (var (name, content) in entries)
            {
                if (name.EndsWith('/'))
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name));
                }
                else if (name.StartsWith("link:", StringComparison.Ordinal))
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, name[5..]) { LinkName = content! });
                }
                else
                {
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content ?? "")) });
                }
            }
        }

        return path;
    }

    private static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);

    [TestMethod]
    public void LaterLayersWin_AndPlainTarsAreRead()
    {
        using var temp = new TempDirectory();
        var bottom = Layer(temp, gzip: true, ("etc/", null), ("etc/passwd", "root:x:0:0::/:/bin/sh\n"), ("etc/group", "root:x:0:\n"));
        var top = Layer(temp, gzip: false, ("./etc/passwd", "root:x:0:0::/:/bin/sh\napp:x:1:1::/:/bin/sh\n"));

        var files = BaseAccountReader.Read([bottom, top], "a test base", CancellationToken.None);

        Assert.AreEqual("root:x:0:0::/:/bin/sh\napp:x:1:1::/:/bin/sh\n", Text(files.Passwd));
        Assert.AreEqual("root:x:0:\n", Text(files.Group));
        Assert.AreEqual("a test base", files.Source);
    }

    [TestMethod]
    public void AWhiteout_RemovesTheLowerFile_AndAFileBesideItInTheSameLayerStays()
    {
        using var temp = new TempDirectory();
        var bottom = Layer(temp, gzip: true, ("etc/passwd", "old\n"), ("etc/group", "old:x:1:\n"));
        var middle = Layer(temp, gzip: true, ("etc/.wh.group", ""), ("etc/.wh.passwd", ""));
        var top = Layer(temp, gzip: true, ("etc/passwd", "new:x:5:5::/:/bin/sh\n"));

        var files = BaseAccountReader.Read([bottom, middle, top], "b", CancellationToken.None);

        Assert.AreEqual("new:x:5:5::/:/bin/sh\n", Text(files.Passwd));
        Assert.IsNull(files.Group);
    }

    [TestMethod]
    public void AnOpaqueEtc_HidesEverythingBelow_ButKeepsItsOwnFiles()
    {
        using var temp = new TempDirectory();
        var bottom = Layer(temp, gzip: true, ("etc/passwd", "old\n"), ("etc/group", "old:x:1:\n"));
        var top = Layer(temp, gzip: true, ("etc/", null), ("etc/.wh..wh..opq", ""), ("etc/group", "g:x:2:\n"));

        var files = BaseAccountReader.Read([bottom, top], "b", CancellationToken.None);

        Assert.IsNull(files.Passwd);
        Assert.AreEqual("g:x:2:\n", Text(files.Group));
    }

    [TestMethod]
    public void AHardLinkedPasswd_HasItsTargetsContent()
    {
        using var temp = new TempDirectory();
        var layer = Layer(temp, gzip: true, ("etc/passwd-", "linked:x:7:7::/:/bin/sh\n"), ("link:etc/passwd", "etc/passwd-"));

        var files = BaseAccountReader.Read([layer], "b", CancellationToken.None);

        Assert.AreEqual("linked:x:7:7::/:/bin/sh\n", Text(files.Passwd));
    }

    [TestMethod]
    public void AZstdLayer_IsRead()
    {
        // Arrange: a tar zstd-compressed the way other tools do it (ZstdSharp's stream: one frame, not ours).
        using var temp = new TempDirectory();
        var tar = Layer(temp, gzip: false, ("etc/", null), ("etc/passwd", "zed:x:5:5::/:/bin/sh\n"));
        var path = temp.Combine("layer.tar.zst");
        using (var output = File.Create(path))
        using (var zstd = new ZstdSharp.CompressionStream(output, level: 19))
        using (var input = File.OpenRead(tar))
        {
            input.CopyTo(zstd);
        }

        // Act
        var files = BaseAccountReader.Read([path], "b", CancellationToken.None);

        // Assert
        Assert.AreEqual("zed:x:5:5::/:/bin/sh\n", Text(files.Passwd));
    }

    [TestMethod]
    public void ADamagedZstd_IsGOI2028()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("zstd.blob");
        File.WriteAllBytes(path, [0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);

        var error = Assert.ThrowsExactly<GoImageException>(() => BaseAccountReader.Read([path], "b", CancellationToken.None));

        Assert.AreEqual("GOI2028", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "zstd");
    }

    [TestMethod]
    public void ADamagedGzip_IsGOI2028()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("bad.tar.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255, 1, 2, 3, 4, 5, 6, 7]);

        var error = Assert.ThrowsExactly<GoImageException>(() => BaseAccountReader.Read([path], "b", CancellationToken.None));

        Assert.AreEqual("GOI2028", error.Diagnostic.Code);
    }

    [TestMethod]
    public void PlatformsWithDifferentPasswd_AreGOI2027_AndAgreeingOnesAreReadOnce()
    {
        using var temp = new TempDirectory();
        var amd64 = Layer(temp, gzip: true, ("etc/passwd", "svc:x:1:1::/:/bin/sh\n"));
        var arm64 = Layer(temp, gzip: true, ("etc/passwd", "svc:x:2:2::/:/bin/sh\n"));
        Assert.IsTrue(ImageReference.TryParse("127.0.0.1:5000/base:1@sha256:" + new string('a', 64), out var reference, out _));
        BasePlatformImage Platform(string architecture, string blob)
        {
            var digest = Digest.OfFile(blob);
            return new BasePlatformImage(new ImagePlatform("linux", architecture, null), digest, [new Layer("l", blob, digest, 1, digest)], new BaseImageConfig(new ImagePlatform("linux", architecture, null)));
        }

        var differ = new BaseImage(reference, reference.Digest!.Value, [Platform("amd64", amd64), Platform("arm64", arm64)]);
        var agree = new BaseImage(reference, reference.Digest!.Value, [Platform("amd64", amd64), Platform("arm64", amd64)]);

        var error = Assert.ThrowsExactly<GoImageException>(() => BaseAccountReader.Read(differ, CancellationToken.None));
        Assert.AreEqual("GOI2027", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "for linux/amd64 and linux/arm64");
        var files = BaseAccountReader.Read(agree, CancellationToken.None);
        Assert.AreEqual("svc:x:1:1::/:/bin/sh\n", Text(files.Passwd));
        StringAssert.StartsWith(files.Source, "127.0.0.1:5000/base:1@sha256:");
    }
}
