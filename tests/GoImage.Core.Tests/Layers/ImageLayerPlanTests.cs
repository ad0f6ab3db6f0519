using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Core.Tests.Layers;

[TestClass]
public sealed class ImageLayerPlanTests
{
    private const int Mode0755 = 0b111_101_101;

    private static ImageLayerRequest Request() => new() { AppPath = "/app/hello", User = "65532:65532", SourceRoots = new([Path.GetTempPath()]) };

    private static ImageLayerPlan Valid(ImageLayerRequest request)
    {
        var diagnostics = new List<Diagnostic>();
        var plan = ImageLayerPlan.Create(request, () => throw new AssertFailedException("no registry base here"), diagnostics);
        Assert.AreEqual(0, diagnostics.Count, string.Join('\n', diagnostics));
        return plan!;
    }

    private static List<Diagnostic> Invalid(ImageLayerRequest request)
    {
        var diagnostics = new List<Diagnostic>();
        Assert.IsNull(ImageLayerPlan.Create(request, () => throw new AssertFailedException("no registry base here"), diagnostics));
        return diagnostics;
    }

    [TestMethod]
    public void Defaults_PlanNoExtraLayer_AndKeepTheUser()
    {
        var plan = Valid(Request());

        Assert.AreEqual((0, 0, 0, "65532:65532"), (plan.Files.Count, plan.Accounts.Count, plan.Directories.Count, plan.ConfigUser));
        Assert.AreEqual("65532:65532", Valid(Request() with { User = "" }).ConfigUser);
        Assert.AreEqual("1000", Valid(Request() with { User = "1000" }).ConfigUser, "numeric text is kept as written");
    }

    [TestMethod]
    [DataRow("nonroot", "65532:65532")]
    [DataRow("nobody:root", "65534:0")]
    [DataRow("0:nonroot", "0:65532")]
    public void AName_BecomesNumericIdsInTheConfig(string user, string config)
    {
        Assert.AreEqual(config, Valid(Request() with { User = user }).ConfigUser);
    }

    [TestMethod]
    public void AMalformedUser_IsLeftForTheImageValidator()
    {
        Assert.AreEqual("a b", Valid(Request() with { User = "a b" }).ConfigUser);
    }

    [TestMethod]
    public void VolumesAndDirectories_AreOwnedByTheImagesUser_UnlessAnOwnerSaysOtherwise()
    {
        var plan = Valid(Request() with
        {
            User = "nonroot",
            Volumes = ["/var/lib/app/", "/data"],
            Directories = [new ContainerDirectory("/var/cache/app") { Mode = "0750" }, new ContainerDirectory("/data") { Owner = "nobody", Mode = "1777" }],
        });

        var byPath = plan.Directories.ToDictionary(e => e.Path, e => (e.Kind, e.Uid, e.Gid, e.Mode));
        CollectionAssert.AreEqual(new[] { "data", "var/cache/app", "var/lib/app" }, byPath.Keys.ToArray());
        Assert.AreEqual((LayerEntryKind.Directory, 65534, 65534, 0b1_111_111_111), byPath["data"], "a ContainerDirectory wins over the volume's defaults");
        Assert.AreEqual((LayerEntryKind.Directory, 65532, 65532, 0b111_101_000), byPath["var/cache/app"]);
        Assert.AreEqual((LayerEntryKind.Directory, 65532, 65532, Mode0755), byPath["var/lib/app"]);
    }

    [TestMethod]
    public void ContainerFileOwner_IsResolved_AndDefaultsToRoot()
    {
        using var temp = new TempDirectory();
        var source = temp.Write("app.yaml", "a: 1\n");

        var plan = Valid(Request() with
        {
            Files = [new ContainerFile("app.yaml", source, "/etc/app/app.yaml", "0640") { Owner = "nonroot:root" }, new ContainerFile("b", source, "/etc/b", "")],
        });

        Assert.AreEqual((65532, 0), (plan.Files[0].Uid, plan.Files[0].Gid));
        Assert.AreEqual((0, 0), (plan.Files[1].Uid, plan.Files[1].Gid));
    }

    [TestMethod]
    public void AnAddedAccount_CanBeTheUser_AndOwnTheFolders()
    {
        var plan = Valid(Request() with { User = "app", Accounts = [new UserAccount("app") { Uid = "10001" }], Volumes = ["/var/lib/app"] });

        Assert.AreEqual("10001:10001", plan.ConfigUser);
        CollectionAssert.AreEqual(new[] { "etc/passwd", "etc/group", "home/app" }, plan.Accounts.Select(e => e.Path).ToArray());
        Assert.AreEqual((10001, 10001), (plan.Directories.Single().Uid, plan.Directories.Single().Gid));
    }

    [TestMethod]
    public void UnknownUser_IsGOI2022_AndUnknownOwnersToo()
    {
        var diagnostics = Invalid(Request() with
        {
            User = "skopeo",
            Directories = [new ContainerDirectory("/data") { Owner = "ghost" }],
        });

        CollectionAssert.AreEqual(new[] { "GOI2022" }, diagnostics.Select(d => d.Code).Distinct().ToArray());
        StringAssert.Contains(diagnostics[0].Message, "ContainerUser names the user 'skopeo'");
    }

    [TestMethod]
    [DataRow("relative/path", "GOI2020")]
    [DataRow("/", "GOI2020")]
    [DataRow("/var/../etc", "GOI2020")]
    [DataRow("/app", "GOI2015")]
    [DataRow("/app/hello", "GOI2015")]
    [DataRow("/app/hello/data", "GOI2015")]
    public void BadVolumes_AreCoded(string volume, string code)
    {
        var diagnostics = Invalid(Request() with { Volumes = [volume] });

        Assert.AreEqual(code, diagnostics.Single().Code, string.Join('\n', diagnostics));
    }

    [TestMethod]
    public void BadDirectories_AreCoded()
    {
        using var temp = new TempDirectory();
        var source = temp.Write("f", "x");

        var diagnostics = Invalid(Request() with
        {
            Files = [new ContainerFile("f", source, "/etc/app.yaml", "")],
            Directories =
            [
                new ContainerDirectory("data"),
                new ContainerDirectory("/d") { Mode = "0855" },
                new ContainerDirectory("/e"),
                new ContainerDirectory("/e/"),
                new ContainerDirectory("/f") { Owner = "a:b:c" },
                new ContainerDirectory("/etc/app.yaml"),
            ],
        });

        CollectionAssert.AreEqual(new[] { "GOI2021", "GOI2064", "GOI2063", "GOI2024", "GOI2015" }, diagnostics.Select(d => d.Code).ToArray(), string.Join('\n', diagnostics));
    }

    [TestMethod]
    public void AContainerFileAtEtcPasswd_AndAddedAccounts_Conflict()
    {
        using var temp = new TempDirectory();
        var source = temp.Write("passwd", "root:x:0:0::/:/bin/sh\n");

        var diagnostics = Invalid(Request() with { Files = [new ContainerFile("passwd", source, "/etc/passwd", "")], Accounts = [new UserAccount("app")] });

        Assert.AreEqual("GOI2015", diagnostics.Single().Code);
    }

    [TestMethod]
    public void LayersInOrder_WithOwnersInTheTarHeaders()
    {
        using var temp = new TempDirectory();
        var binary = temp.Write("hello", "binary");
        var plan = Valid(Request() with { User = "app", Accounts = [new UserAccount("app") { Uid = "10001" }], Volumes = ["/var/lib/app"] });

        var layers = ImageLayers.Write(BaseImageKind.Static, plan, [(SampleImage.Amd64, binary)], "/app/hello", 0, new LayerCache(temp.Combine("cache"), null), CancellationToken.None);

        CollectionAssert.AreEqual(
            new[] { "static base 1", "ContainerUserAccount items", "ContainerVolume and ContainerDirectory folders" },
            layers.Shared.Select(l => l.Name).ToArray());
        var folders = Entries(layers.Shared[2].BlobPath);
        CollectionAssert.AreEqual(new[] { "var/", "var/lib/", "var/lib/app/" }, folders.Select(e => e.Name).ToArray());
        Assert.AreEqual((0, 0), (folders[1].Uid, folders[1].Gid), "parents stay root's");
        Assert.AreEqual((10001, 10001, (UnixFileMode)Mode0755), (folders[2].Uid, folders[2].Gid, folders[2].Mode));
        var accounts = Entries(layers.Shared[1].BlobPath);
        CollectionAssert.AreEqual(new[] { "etc/", "etc/group", "etc/passwd", "home/", "home/app/" }, accounts.Select(e => e.Name).ToArray());
    }

    [TestMethod]
    public void TheSamePlan_WritesTheSameBytes()
    {
        using var temp = new TempDirectory();
        var binary = temp.Write("hello", "binary");
        var request = Request() with { User = "nonroot", Accounts = [new UserAccount("app")], Directories = [new ContainerDirectory("/data")] };

        var first = ImageLayers.Write(BaseImageKind.Static, Valid(request), [(SampleImage.Amd64, binary)], "/app/hello", 0, new LayerCache(temp.Combine("a"), null), CancellationToken.None);
        var second = ImageLayers.Write(BaseImageKind.Static, Valid(request), [(SampleImage.Amd64, binary)], "/app/hello", 0, new LayerCache(temp.Combine("b"), null), CancellationToken.None);

        CollectionAssert.AreEqual(first.Shared.Select(l => l.Digest).ToArray(), second.Shared.Select(l => l.Digest).ToArray());
    }

    private static List<TarEntry> Entries(string blobPath)
    {
        using var gzip = new GZipStream(File.OpenRead(blobPath), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }
}
