using System.Text;
using GoImage.Composition;
using GoImage.Core.Tests.Executables;
using GoImage.Core.Tests.Layers;
using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Core.Tests.Composition;

/// <summary>The start check on real binaries (go, gcc) and bases whose layers hold this machine's own glibc files.</summary>
[TestClass]
public sealed class StartCheckTests
{
    private const string HostLibc = "/lib/x86_64-linux-gnu/libc.so.6";
    private const string HostLoader = "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";

    private static readonly ImagePlatform Amd64 = new("linux", "amd64", null);

    private static List<Diagnostic> Check(string sample, BaseImageKind kind, BaseImage? registryBase = null, ImagePlatform? platform = null) =>
        StartCheck.Check([(platform ?? Amd64, ElfSamples.Path(sample))], kind, registryBase, CancellationToken.None);

    // A Debian-like usrmerge base: /lib and /lib64 are links into /usr, the loader is reached through two links.
    private static BaseImage GlibcBase(TempDirectory temp, byte[] libc, bool withLibc = true)
    {
        var files = Layer(temp, ("./lib -> usr/lib", null), ("./lib64 -> usr/lib64", null), ("./usr/lib/x86_64-linux-gnu/", null),
            ("./usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", File.ReadAllBytes(HostLoader)),
            ("./usr/lib64/ld-linux-x86-64.so.2 -> ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", null));
        var top = withLibc ? Layer(temp, ("usr/lib/x86_64-linux-gnu/libc.so.6", libc)) : Layer(temp, ("etc/hostname", "base"u8.ToArray()));
        Assert.IsTrue(ImageReference.TryParse("127.0.0.1:5000/test/glibc:1", out var reference, out _));
        var layers = new[] { files, top }.Select(p => new Layer(Path.GetFileName(p), p, Digest.OfFile(p), new FileInfo(p).Length, Digest.OfFile(p))).ToList();
        var platform = new BasePlatformImage(Amd64, Digest.Of("manifest"u8), layers, new BaseImageConfig(Amd64));
        return new BaseImage(reference!, Digest.Of("index"u8), [platform]);
    }

    private static string Layer(TempDirectory temp, params (string Entry, byte[]? Content)[] entries) => BaseFileTreeTests.Layer(temp, entries);

    [TestMethod]
    public void AStaticBinary_StartsOnTheEmbeddedBase()
    {
        Assert.AreEqual(0, Check("static", BaseImageKind.Static).Count);
    }

    [TestMethod]
    public void APieBinary_OnTheEmbeddedBase_IsGoi2112NamingTheLoader()
    {
        var diagnostics = Check("pie", BaseImageKind.Static);

        Assert.AreEqual(Diagnostic.Codes.StartLoaderNotInBase, diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, "/lib64/ld-linux-x86-64.so.2");
        StringAssert.Contains(diagnostics[0].Message, "linux/amd64");
        StringAssert.Contains(diagnostics[0].Message, "GoCgoLinkMode=static");
    }

    [TestMethod]
    public void ACgoBinary_OnScratch_IsGoi2112NamingLibc()
    {
        var diagnostics = Check("cgo", BaseImageKind.Scratch);

        StringAssert.Contains(diagnostics.Single().Message, "libc.so.6");
        StringAssert.Contains(diagnostics[0].Message, "scratch");
    }

    [TestMethod]
    public void ACgoBinary_StartsOnABaseWithThisMachinesGlibc()
    {
        using var temp = new TempDirectory();

        var diagnostics = Check("cgo", BaseImageKind.Registry, GlibcBase(temp, File.ReadAllBytes(HostLibc)));

        Assert.AreEqual("", string.Join('\n', diagnostics.Select(d => d.Message)));
    }

    [TestMethod]
    public void ACgoBinary_OnABaseWithoutLibc_IsGoi2114()
    {
        using var temp = new TempDirectory();

        var diagnostics = Check("cgo", BaseImageKind.Registry, GlibcBase(temp, [], withLibc: false));

        Assert.AreEqual(Diagnostic.Codes.StartLibraryMissing, diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, "libc.so.6");
        StringAssert.Contains(diagnostics[0].Message, "127.0.0.1:5000/test/glibc:1");
    }

    [TestMethod]
    public void ACgoBinary_OnABaseWhoseLibcLacksANeededVersion_IsGoi2115()
    {
        using var temp = new TempDirectory();
        var needed = CgoBinary().VersionNeeds.Single(n => n.Library == "libc.so.6").Versions.First(v => v.StartsWith("GLIBC_2.3", StringComparison.Ordinal) && v.Length == 10);
        // An older glibc, made from this one: the version's name in its string table renamed, as if it were never defined.
        var libc = Patch(File.ReadAllBytes(HostLibc), needed, "GLIBC_9.99");

        var diagnostics = Check("cgo", BaseImageKind.Registry, GlibcBase(temp, libc));

        Assert.AreEqual(Diagnostic.Codes.StartLibraryTooOld, diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, needed);
        StringAssert.Contains(diagnostics[0].Message, "/usr/lib/x86_64-linux-gnu/libc.so.6");
    }

    [TestMethod]
    public void APieBinary_OnABaseWithoutTheLoader_IsGoi2113()
    {
        using var temp = new TempDirectory();
        var empty = Layer(temp, ("etc/hostname", "base"u8.ToArray()));
        Assert.IsTrue(ImageReference.TryParse("127.0.0.1:5000/test/empty:1", out var reference, out _));
        var image = new BaseImage(reference!, Digest.Of("i"u8), [new BasePlatformImage(Amd64, Digest.Of("m"u8), [new Layer("l", empty, Digest.OfFile(empty), 1, Digest.OfFile(empty))], new BaseImageConfig(Amd64))]);

        var diagnostics = Check("pie", BaseImageKind.Registry, image);

        Assert.AreEqual(Diagnostic.Codes.StartInterpreterMissing, diagnostics.Single().Code);
    }

    [TestMethod]
    public void AnArm64Binary_InTheAmd64Image_IsGoi2111()
    {
        var diagnostics = Check("pie-arm64", BaseImageKind.Static);

        Assert.AreEqual(Diagnostic.Codes.ExecutableWrongMachine, diagnostics.Single().Code);
    }

    private static GoImage.Executables.ElfFile CgoBinary() => GoImage.Executables.ElfReader.Read(ElfSamples.Path("cgo"));

    private static byte[] Patch(byte[] bytes, string from, string to)
    {
        var needle = Encoding.ASCII.GetBytes(from + "\0");
        var replacement = Encoding.ASCII.GetBytes(to + "\0");
        var count = 0;
        for (var at = bytes.AsSpan().IndexOf(needle); at >= 0; at = bytes.AsSpan(at + 1).IndexOf(needle) is var next and >= 0 ? at + 1 + next : -1)
        {
            replacement.CopyTo(bytes, at);
            count++;
        }

        Assert.IsTrue(count > 0, $"{from} is in the library");
        return bytes;
    }
}
