using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

[TestClass]
public sealed class StaticBaseTests
{
    /// <summary>
    /// The static base layer at mtime 0. Every image built on the default base carries this digest,
    /// so a change to the embedded files or to the tar/gzip writers must be deliberate: update it in
    /// the same commit (Layers/BaseData/README.md says how the data was made).
    /// </summary>
    /// <remarks>
    /// Checked once outside .NET's readers: two runs gave identical bytes; <c>sha256sum</c> and
    /// <c>gzip -t</c> agree; <c>zcat | tar --numeric-owner -tvf -</c> lists 640 entries (458 files,
    /// 30 folders, 152 links) including <c>drwxrwxrwt tmp/</c>, <c>drwx------ 65532/65532 home/nonroot/</c>,
    /// usr/share/zoneinfo/UTC -> Etc/UTC and Europe/Berlin (TZif data per <c>file</c>); extracted, the CA
    /// bundle is byte-identical to BaseData/ca-certificates.crt.
    /// </remarks>
    private const string BaseLayerDigest = "sha256:6f169948be447aaa97cd258ab8b937c170e3e1fb1bccd318fc6d4a0bad1870a1";
    private const string BaseLayerDiffId = "sha256:dd0a9ca8a436da26378b7841b34293b17a1f0c02aa5c4400ba51493a8a968a3a";
    private const long BaseLayerSize = 316704;

    private const string ZoneInfo = "usr/share/zoneinfo/";

    private static Dictionary<string, LayerEntry> EntriesByPath() => StaticBase.Entries().ToDictionary(e => e.Path, StringComparer.Ordinal);

    private static string Text(LayerEntry entry) => Encoding.UTF8.GetString(entry.Content!);

    private static byte[] WriteBaseLayer(out Layer layer)
    {
        var content = StaticBase.Content(0);
        using var output = new MemoryStream();
        layer = LayerWriter.Write(content, LayerCompression.Gzip, output, "base.tar.gz", CancellationToken.None);
        return output.ToArray();
    }

    [TestMethod]
    public void Passwd_HasRootNobodyAndNonroot()
    {
        // Act
        var lines = Text(EntriesByPath()["etc/passwd"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // Assert: name, uid and gid of each user; nobody can log in.
        CollectionAssert.AreEqual(
            new[] { "root:0:0", "nobody:65534:65534", "nonroot:65532:65532" },
            lines.Select(l => l.Split(':')).Select(f => $"{f[0]}:{f[2]}:{f[3]}").ToArray());
        Assert.IsTrue(lines.All(l => l.EndsWith(":/sbin/nologin", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Group_HasTheUsersGroups()
    {
        // Act
        var text = Text(EntriesByPath()["etc/group"]);

        // Assert
        Assert.AreEqual("root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n", text);
    }

    [TestMethod]
    public void Tmp_IsStickyAndWorldWritable()
    {
        // Act
        var tmp = EntriesByPath()["tmp"];

        // Assert: 01777.
        Assert.AreEqual(LayerEntryKind.Directory, tmp.Kind);
        Assert.AreEqual(0b1_111_111_111, tmp.Mode);
    }

    [TestMethod]
    public void NonrootHome_BelongsToNonroot()
    {
        // Act
        var home = EntriesByPath()["home/nonroot"];

        // Assert
        Assert.AreEqual((65532, 65532), (home.Uid, home.Gid));
        Assert.AreEqual(0b111_000_000, home.Mode);
    }

    [TestMethod]
    public void CaBundle_IsPresentAndHoldsCertificates()
    {
        // Act
        var bundle = Text(EntriesByPath()["etc/ssl/certs/ca-certificates.crt"]);

        // Assert
        StringAssert.StartsWith(bundle, "-----BEGIN CERTIFICATE-----");
        var certificates = bundle.Split("-----BEGIN CERTIFICATE-----").Length - 1;
        Assert.IsTrue(certificates > 100, $"only {certificates} certificates");
    }

    [TestMethod]
    public void NsswitchAndOsRelease_AreWritten()
    {
        // Act
        var entries = EntriesByPath();

        // Assert: Go reads /etc/hosts before DNS only when nsswitch.conf says so.
        Assert.AreEqual("hosts: files dns\n", Text(entries["etc/nsswitch.conf"]));
        StringAssert.Contains(Text(entries["etc/os-release"]), $"VERSION_ID={StaticBase.Version}\n");
    }

    [TestMethod]
    public void ZoneInfo_HasUtcAndEuropeBerlin()
    {
        // Act
        var entries = EntriesByPath();

        // Assert
        var utc = entries[ZoneInfo + "UTC"];
        Assert.AreEqual(LayerEntryKind.Symlink, utc.Kind);
        Assert.AreEqual("Etc/UTC", utc.LinkTarget);
        Assert.AreEqual(LayerEntryKind.File, entries[ZoneInfo + "Etc/UTC"].Kind);
        var berlin = entries[ZoneInfo + "Europe/Berlin"];
        Assert.AreEqual(LayerEntryKind.File, berlin.Kind);
        StringAssert.StartsWith(Encoding.ASCII.GetString(berlin.Content!, 0, 4), "TZif");
    }

    [TestMethod]
    public void ZoneInfo_KeepsEveryFileLinkAndFolderOfTheEmbeddedData()
    {
        // Act
        var zones = StaticBase.Entries().Where(e => e.Path.StartsWith(ZoneInfo, StringComparison.Ordinal)).ToList();

        // Assert: the counts GNU tar lists for BaseData/zoneinfo.tar.gz (without its "./"), so no kind is dropped.
        Assert.AreEqual(453, zones.Count(e => e.Kind == LayerEntryKind.File));
        Assert.AreEqual(152, zones.Count(e => e.Kind == LayerEntryKind.Symlink));
        Assert.AreEqual(20, zones.Count(e => e.Kind == LayerEntryKind.Directory));
        Assert.IsFalse(zones.Any(e => e.Path.StartsWith(ZoneInfo + "posix/", StringComparison.Ordinal) || e.Path.StartsWith(ZoneInfo + "right/", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void BaseLayer_HasThePinnedDigest()
    {
        // Act
        WriteBaseLayer(out var layer);

        // Assert
        Assert.AreEqual(BaseLayerDigest, layer.Digest.ToString());
        Assert.AreEqual(BaseLayerDiffId, layer.DiffId.ToString());
        Assert.AreEqual(BaseLayerSize, layer.Size);
    }

    [TestMethod]
    public void BaseLayer_IsIdenticalWhenWrittenAgain()
    {
        // Act
        var first = WriteBaseLayer(out _);
        var second = WriteBaseLayer(out _);

        // Assert
        CollectionAssert.AreEqual(first, second);
    }

    [TestMethod]
    public void BaseLayer_IsUnder512KiB()
    {
        // Act
        var blob = WriteBaseLayer(out _);

        // Assert
        Assert.IsTrue(blob.Length < 512 * 1024, $"the base layer is {blob.Length} bytes");
    }

    [TestMethod]
    public void BaseLayer_ReadByTarReader_HasStickyTmpAndOwnedHome()
    {
        // Arrange
        var blob = WriteBaseLayer(out _);
        using var reader = new TarReader(new GZipStream(new MemoryStream(blob), CompressionMode.Decompress));

        // Act
        var entries = new Dictionary<string, TarEntry>(StringComparer.Ordinal);
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add(entry.Name, entry);
        }

        // Assert
        Assert.AreEqual(640, entries.Count);
        Assert.AreEqual(
            UnixFileMode.StickyBit | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute,
            entries["tmp/"].Mode);
        Assert.AreEqual((65532, 65532), (entries["home/nonroot/"].Uid, entries["home/nonroot/"].Gid));
        Assert.IsTrue(entries.Values.All(e => e.ModificationTime == DateTimeOffset.UnixEpoch));
    }
    [TestMethod]
    public void Content_IsTheSameLayerAsItsEntriesListed()
    {
        // Arrange: the key reads no entry, so the bytes must still be those of the entries themselves.
        using var listed = new MemoryStream();
        var expected = LayerWriter.Write(LayerContent.Create("listed", StaticBase.Entries(), 0), LayerCompression.Gzip, listed, "listed", CancellationToken.None);

        // Act
        WriteBaseLayer(out var layer);

        // Assert
        Assert.AreEqual(expected.Digest, layer.Digest);
    }
}
