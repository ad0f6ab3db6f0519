using System.Diagnostics;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layouts;
using GoImage.Testing;

namespace GoImage.Core.Tests.Layouts;

/// <summary>Outputs: a layout with an altered blob is rewritten; device nodes, FIFOs and folders are never replaced; leftovers of a killed run go.</summary>
[TestClass]
public sealed class OutputSafetyTests
{
    private static readonly string[] Tags = ["1.4.2"];

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"{program} {string.Join(' ', arguments)}");
    }

    [TestMethod]
    public void LayoutBlobWithAFlippedByte_IsRewrittenWithGOI2046()
    {
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("out/image");
        OciLayout.Write(layout, image, Tags, CancellationToken.None);
        var blob = LayoutFiles.BlobPath(layout, image.LayerBlobs.First().Digest.ToString());
        var bytes = File.ReadAllBytes(blob);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(blob, bytes);
        var warnings = new List<Diagnostic>();

        var wrote = OciLayout.Write(layout, image, Tags, CancellationToken.None, warnings.Add);

        Assert.IsTrue(wrote, "an altered layout is not current");
        Assert.AreEqual("GOI2046", warnings.Single().Code);
        foreach (var file in Directory.GetFiles(LayoutFiles.BlobsFolder(layout)))
        {
            Assert.AreEqual(Path.GetFileName(file), Digest.OfFile(file).Hex, "every blob matches its name");
        }
    }

    [TestMethod]
    public void LayerBlobAlteredAfterImageLayer_NeverReachesTheLayout()
    {
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var bytes = File.ReadAllBytes(image.LayerBlobs.First().BlobPath);
        bytes[10] ^= 1;
        File.WriteAllBytes(image.LayerBlobs.First().BlobPath, bytes);

        var error = Assert.ThrowsExactly<GoImageException>(() => OciLayout.Write(temp.Combine("out/image"), image, Tags, CancellationToken.None));

        Assert.AreEqual("GOI2049", error.Diagnostic.Code);
        Assert.IsFalse(Directory.Exists(temp.Combine("out/image")));
        Assert.AreEqual(0, Directory.GetFileSystemEntries(temp.Combine("out")).Length, "no staging folder is left");
    }

    [TestMethod]
    public void LayerBlobAlteredAfterImageLayer_NeverReachesTheArchive()
    {
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var bytes = File.ReadAllBytes(image.LayerBlobs.Last().BlobPath);
        bytes[10] ^= 1;
        File.WriteAllBytes(image.LayerBlobs.Last().BlobPath, bytes);
        var archive = temp.Combine("out/api.tar");

        var error = Assert.ThrowsExactly<GoImageException>(() => ImageArchiveWriter.Write(archive, image, "shop/api", Tags, 0, CancellationToken.None));

        Assert.AreEqual("GOI2049", error.Diagnostic.Code);
        Assert.IsFalse(File.Exists(archive));
    }

    [TestMethod]
    public void ArchiveOverACharacterDevice_IsGOI2047_AndTheNodeStays()
    {
        // A device node of our own (like /dev/full: char 1,7), so nothing of the machine is at stake.
        using var temp = new TempDirectory();
        var device = temp.Combine("full");
        Run("mknod", device, "c", "1", "7");
        var image = SampleImage.Assemble(temp.Combine("layers"));

        var error = Assert.ThrowsExactly<GoImageException>(() => ImageArchiveWriter.Write(device, image, "shop/api", Tags, 0, CancellationToken.None));

        Assert.AreEqual("GOI2047", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "character device");
        Assert.AreEqual(GoImage.IO.FileNodeKind.CharacterDevice, GoImage.IO.FileNode.Of(device, followLinks: false).Kind);
        Assert.AreEqual(0, Directory.GetFiles(temp.Path).Count(f => Path.GetFileName(f).StartsWith("full.", StringComparison.Ordinal)), "no temp file beside it");
    }

    [TestMethod]
    [Timeout(20_000)]
    public void ArchiveOverAFifo_IsGOI2047_AndTheFifoStays()
    {
        using var temp = new TempDirectory();
        var fifo = temp.Combine("pipe.tar");
        Run("mkfifo", fifo);
        var image = SampleImage.Assemble(temp.Combine("layers"));

        var error = Assert.ThrowsExactly<GoImageException>(() => ImageArchiveWriter.Write(fifo, image, "shop/api", Tags, 0, CancellationToken.None));

        Assert.AreEqual("GOI2047", error.Diagnostic.Code);
        Assert.AreEqual(GoImage.IO.FileNodeKind.Fifo, GoImage.IO.FileNode.Of(fifo, followLinks: false).Kind);
    }

    [TestMethod]
    public void LayoutPathThatIsAFile_IsGOI2047()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("image", "not a folder");
        var image = SampleImage.Assemble(temp.Combine("layers"));

        var error = Assert.ThrowsExactly<GoImageException>(() => OciLayout.Write(file, image, Tags, CancellationToken.None));

        Assert.AreEqual("GOI2047", error.Diagnostic.Code);
        Assert.AreEqual("not a folder", File.ReadAllText(file));
    }

    [TestMethod]
    public void StagingFoldersOfAKilledRun_AreRemovedByTheNextWrite()
    {
        using var temp = new TempDirectory();
        var image = SampleImage.Assemble(temp.Combine("layers"));
        var layout = temp.Combine("out/image");
        var staging = temp.CreateDirectory($"out/.image.{Guid.NewGuid():N}.{int.MaxValue}.tmp");
        temp.Write($"out/.image.{Guid.NewGuid():N}.{int.MaxValue}.tmp/blobs/sha256/x", "half");
        var swappedOut = temp.CreateDirectory($"out/.image.{Guid.NewGuid():N}.{int.MaxValue}.tmp.old");
        var archiveTemp = temp.Write($"out/api.tar.{Guid.NewGuid():N}.{int.MaxValue}.tmp", "half");

        OciLayout.Write(layout, image, Tags, CancellationToken.None);
        ImageArchiveWriter.Write(temp.Combine("out/api.tar"), image, "shop/api", Tags, 0, CancellationToken.None);

        Assert.IsFalse(Directory.Exists(staging));
        Assert.IsFalse(Directory.Exists(swappedOut));
        Assert.IsFalse(File.Exists(archiveTemp));
        CollectionAssert.AreEquivalent(new[] { "image", ".image-blobs.verified", "api.tar" }, Directory.GetFileSystemEntries(temp.Combine("out")).Select(Path.GetFileName).ToArray());
    }
}
