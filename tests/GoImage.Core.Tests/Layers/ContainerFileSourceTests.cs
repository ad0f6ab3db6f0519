using System.Diagnostics;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

/// <summary>ContainerFile sources read as what they are: links followed inside the roots, nothing else read at all.</summary>
[TestClass]
public sealed class ContainerFileSourceTests
{
    private const string AppPath = "/app/hello";

    private static (List<LayerEntry>? Entries, List<Diagnostic> Diagnostics) ToEntries(SourceRoots roots, params ContainerFile[] files)
    {
        var diagnostics = new List<Diagnostic>();
        var entries = ContainerFile.ToEntries(files, AppPath, roots, diagnostics);
        return (entries, diagnostics);
    }

    private static string SingleCode(SourceRoots roots, ContainerFile file)
    {
        var (entries, diagnostics) = ToEntries(roots, file);
        Assert.IsNull(entries);
        return diagnostics.Single().Code;
    }

    // The tar as LayerWriter writes it, read back by .NET's own tar reader: the entry's bytes.
    private static byte[] WrittenBytes(LayerEntry entry)
    {
        var content = LayerContent.Create("files", [entry], 0);
        content.CacheKey(LayerCompression.Gzip, CancellationToken.None);
        using var blob = new MemoryStream();
        LayerWriter.Write(content, LayerCompression.Gzip, blob, "blob", CancellationToken.None);
        blob.Position = 0;
        using var gzip = new System.IO.Compression.GZipStream(blob, System.IO.Compression.CompressionMode.Decompress);
        using var tar = new System.Formats.Tar.TarReader(gzip);
        while (tar.GetNextEntry() is { } tarEntry)
        {
            if (tarEntry.Name == entry.Path)
            {
                using var data = new MemoryStream();
                tarEntry.DataStream?.CopyTo(data);
                return data.ToArray();
            }
        }

        throw new AssertFailedException($"{entry.Path} is not in the layer");
    }

    [TestMethod]
    public void SymlinkInsideTheRoot_GivesTheTargetsExactBytes()
    {
        // Arrange: the link's own length (8) differs from its target's, which used to truncate the entry
        using var temp = new TempDirectory();
        var big = temp.Write("big.conf", new string('x', 6756) + "end");
        File.CreateSymbolicLink(temp.Combine("cfglink"), "big.conf");

        // Act
        var (entries, diagnostics) = ToEntries(new SourceRoots([temp.Path]), new ContainerFile("cfglink", temp.Combine("cfglink"), "/etc/big.conf", ""));

        // Assert
        Assert.AreEqual(0, diagnostics.Count, string.Join("\n", diagnostics));
        CollectionAssert.AreEqual(File.ReadAllBytes(big), WrittenBytes(entries!.Single()));
    }

    [TestMethod]
    public void SymlinkToAFileShorterThanItsPath_GivesTheTargetsBytes()
    {
        using var temp = new TempDirectory();
        temp.Write("deep/folder/o", "o");
        File.CreateSymbolicLink(temp.Combine("short"), "deep/folder/o");

        var (entries, _) = ToEntries(new SourceRoots([temp.Path]), new ContainerFile("short", temp.Combine("short"), "/etc/o", ""));

        CollectionAssert.AreEqual("o"u8.ToArray(), WrittenBytes(entries!.Single()));
    }

    [TestMethod]
    public void SymlinkOutsideTheRoot_IsGOI2040()
    {
        using var temp = new TempDirectory();
        var root = temp.CreateDirectory("repo");
        var secret = temp.Write("secret.txt", "secret");
        File.CreateSymbolicLink(temp.Combine("repo/link"), secret);

        var (entries, diagnostics) = ToEntries(new SourceRoots([root]), new ContainerFile("link", temp.Combine("repo/link"), "/etc/x", ""));

        Assert.IsNull(entries);
        Assert.AreEqual("GOI2040", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, secret);
    }

    [TestMethod]
    public void LinkedFolderOnTheWayOut_IsGOI2040()
    {
        // Arrange: repo/dir -> .. , so repo/dir/secret.txt is outside though its name is not
        using var temp = new TempDirectory();
        var root = temp.CreateDirectory("repo");
        temp.Write("secret.txt", "secret");
        Directory.CreateSymbolicLink(temp.Combine("repo/dir"), temp.Path);

        Assert.AreEqual("GOI2040", SingleCode(new SourceRoots([root]), new ContainerFile("dir/secret.txt", temp.Combine("repo/dir/secret.txt"), "/etc/x", "")));
    }

    [TestMethod]
    [DataRow("../outside.txt")]
    [DataRow("/etc/passwd")]
    public void SourceNamedDirectlyOutsideTheRoot_IsGOI2040(string include)
    {
        using var temp = new TempDirectory();
        var root = temp.CreateDirectory("repo");
        temp.Write("outside.txt", "x");
        var full = Path.GetFullPath(include, root);

        Assert.AreEqual("GOI2040", SingleCode(new SourceRoots([root]), new ContainerFile(include, full, "/etc/x", "")));
    }

    [TestMethod]
    public void AllowedRoots_LetAnOutsideFolderIn()
    {
        using var temp = new TempDirectory();
        var root = temp.CreateDirectory("repo");
        var shared = temp.Write("shared/ca.pem", "pem");

        var (entries, diagnostics) = ToEntries(new SourceRoots([root, temp.Combine("shared")]), new ContainerFile("ca.pem", shared, "/etc/ca.pem", ""));

        Assert.AreEqual(0, diagnostics.Count);
        Assert.AreEqual(1, entries!.Count);
    }

    [TestMethod]
    [Timeout(20_000)]
    public void Fifo_IsGOI2041_WithoutBlocking()
    {
        using var temp = new TempDirectory();
        var fifo = temp.Combine("pipe");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        Assert.AreEqual("GOI2041", SingleCode(new SourceRoots([temp.Path]), new ContainerFile("pipe", fifo, "/etc/x", "")));
    }

    [TestMethod]
    [Timeout(20_000)]
    public void Fifo_OpenedAsContent_FailsBeforeAnyRead()
    {
        // A file swapped for a FIFO after the check: the read handle itself refuses it, and never blocks.
        using var temp = new TempDirectory();
        var fifo = temp.Combine("pipe");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        var entry = LayerEntry.FromFile("etc/x", fifo, 0b110_100_100);

        Assert.ThrowsExactly<GoImage.IO.NotRegularFileException>(() => entry.OpenContent());
    }

    [TestMethod]
    public void CharacterDevice_IsGOI2041()
    {
        Assert.AreEqual("GOI2041", SingleCode(new SourceRoots(["/dev"]), new ContainerFile("null", "/dev/null", "/etc/x", "")));
    }

    [TestMethod]
    public void Socket_IsGOI2041()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("s.sock");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));

        var (_, diagnostics) = ToEntries(new SourceRoots([temp.Path]), new ContainerFile("s.sock", path, "/etc/x", ""));

        Assert.AreEqual("GOI2041", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, "socket");
    }

    [TestMethod]
    public void Folder_IsGOI2042_NotMissing()
    {
        using var temp = new TempDirectory();
        var folder = temp.CreateDirectory("static");

        Assert.AreEqual("GOI2042", SingleCode(new SourceRoots([temp.Path]), new ContainerFile("static", folder, "/srv/static", "")));
    }

    [TestMethod]
    public void DanglingSymlink_IsGOI2043()
    {
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.Combine("dangling"), "nowhere.txt");

        Assert.AreEqual("GOI2043", SingleCode(new SourceRoots([temp.Path]), new ContainerFile("dangling", temp.Combine("dangling"), "/etc/x", "")));
    }

    [TestMethod]
    public void SymlinkPreserve_WritesTheLinkItself()
    {
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.Combine("tz"), "/usr/share/zoneinfo/UTC");

        var (entries, diagnostics) = ToEntries(new SourceRoots([temp.Path]), new ContainerFile("tz", temp.Combine("tz"), "/etc/localtime", "") { Symlink = "preserve" });

        Assert.AreEqual(0, diagnostics.Count, string.Join("\n", diagnostics));
        var entry = entries!.Single();
        Assert.AreEqual(LayerEntryKind.Symlink, entry.Kind);
        Assert.AreEqual("/usr/share/zoneinfo/UTC", entry.LinkTarget);
    }

    [TestMethod]
    public void SymlinkMetadataUnknown_IsGOI2048()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("a", "a");

        Assert.AreEqual("GOI2048", SingleCode(new SourceRoots([temp.Path]), new ContainerFile("a", file, "/etc/a", "") { Symlink = "copy" }));
    }

    [TestMethod]
    public void FileChangedBetweenKeyAndWrite_IsGOI2044()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("a", "first");
        var content = LayerContent.Create("files", [LayerEntry.FromFile("etc/a", file, 0b110_100_100)], 0);
        content.CacheKey(LayerCompression.Gzip, CancellationToken.None);
        File.WriteAllText(file, "other");

        var error = Assert.ThrowsExactly<GoImageException>(() => LayerWriter.Write(content, LayerCompression.Gzip, new MemoryStream(), "blob", CancellationToken.None));

        Assert.AreEqual("GOI2044", error.Diagnostic.Code);
    }

    [TestMethod]
    [DataRow("/etc/x\0a")]
    [DataRow("/etc/x\na")]
    [DataRow("/etc/\u007f")]
    [DataRow("/etc/\u0085")]
    public void TargetPathWithControlCharacterOrBrokenUtf16_IsGOI2008(string target)
    {
        using var temp = new TempDirectory();
        var file = temp.Write("a", "a");

        var (_, diagnostics) = ToEntries(new SourceRoots([temp.Path]), new ContainerFile("a", file, target, ""));

        Assert.AreEqual("GOI2008", diagnostics.Single().Code);
        Assert.IsFalse(diagnostics[0].Message.Any(char.IsControl), "the message spells control characters out");
    }

    [TestMethod]
    public void TargetPathWithAnUnpairedSurrogate_IsGOI2008()
    {
        // Built at run time: an attribute's string would already have lost the lone surrogate.
        using var temp = new TempDirectory();
        var file = temp.Write("a", "a");
        var target = "/etc/" + (char)0xD800 + "x";

        var (_, diagnostics) = ToEntries(new SourceRoots([temp.Path]), new ContainerFile("a", file, target, ""));

        Assert.AreEqual("GOI2008", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, "surrogate");
    }

    [TestMethod]
    public void TwoNulTargets_AreBothRefused_NotTwoEntriesOfOnePath()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("a", "a");

        var (entries, diagnostics) = ToEntries(
            new SourceRoots([temp.Path]),
            new ContainerFile("a", file, "/etc/x\0a", ""),
            new ContainerFile("a", file, "/etc/x\0b", ""),
            new ContainerFile("a", file, "/app/hello\0x", ""));

        Assert.IsNull(entries);
        CollectionAssert.AreEqual(new[] { "GOI2008", "GOI2008", "GOI2008" }, diagnostics.Select(d => d.Code).ToArray());
    }

    [TestMethod]
    public void BackslashTarget_IsADuplicateAfterNormalisation()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("a", "a");

        var (_, diagnostics) = ToEntries(new SourceRoots([temp.Path]), new ContainerFile("a", file, "/etc/x", ""), new ContainerFile("b", file, "/etc\\x", ""));

        Assert.AreEqual("GOI2015", diagnostics.Single().Code);
    }

    [TestMethod]
    public void RepositoryRoot_IsTheGitRootElseTheModuleRoot()
    {
        using var temp = new TempDirectory();
        temp.Write("repo/.git", "gitdir: elsewhere");
        temp.Write("repo/svc/go.mod", "module x");
        var project = temp.CreateDirectory("repo/svc/cmd");
        temp.Write("lone/go.mod", "module y");
        var loneProject = temp.CreateDirectory("lone/cmd");

        Assert.AreEqual(temp.Combine("repo"), SourceRoots.RepositoryRoot(project));
        Assert.AreEqual(temp.Combine("lone"), SourceRoots.RepositoryRoot(loneProject));
    }

    [TestMethod]
    public void Digest_OfTheLayerFromALink_EqualsTheOneFromTheFileItself()
    {
        // Following a link is reading its target: the same layer digest as naming the target directly.
        using var temp = new TempDirectory();
        temp.Write("conf", "value");
        File.CreateSymbolicLink(temp.Combine("link"), "conf");
        var roots = new SourceRoots([temp.Path]);

        Digest LayerDigest(string source)
        {
            var entries = ToEntries(roots, new ContainerFile(source, temp.Combine(source), "/etc/conf", "")).Entries!;
            var content = LayerContent.Create("files", entries, 0);
            content.CacheKey(LayerCompression.Gzip, CancellationToken.None);
            return LayerWriter.Write(content, LayerCompression.Gzip, new MemoryStream(), "blob", CancellationToken.None).Digest;
        }

        Assert.AreEqual(LayerDigest("conf"), LayerDigest("link"));
    }
}
