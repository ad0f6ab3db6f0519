using System.Text;
using GoImage.Diagnostics;
using GoImage.Images;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoImage.Sdk.Tasks.Tests;

[TestClass]
public sealed class BaseImageItemsTests
{
    private const string Reference = "registry.example.com:5000/base/distroless:1.0@sha256:" + "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12";

    // A config as a Dockerfile-built base has them: values MSBuild would read as its syntax, quotes, backslashes, non-ASCII.
    private const string ConfigJson = """
        {"architecture":"arm64","os":"linux","variant":"v8",
         "config":{"Env":["PATH=/usr/bin;/bin","PCT=100%3B","MSB=$(Configuration)@(Item)%(Meta)","Q=\"quoted\" \\back\\slash","UNI=żółw ✓"],
                   "Labels":{"org.opencontainers.image.title":"base; one","b":"'single' <html> & more"},
                   "ExposedPorts":{"8080/tcp":{},"53/udp":{}}},
         "rootfs":{"type":"layers","diff_ids":["sha256:1111111111111111111111111111111111111111111111111111111111111111","sha256:2222222222222222222222222222222222222222222222222222222222222222"]},
         "history":[{"created":"2024-01-02T03:04:05Z","created_by":"ADD rootfs.tar /","comment":"buildkit"},
                    {"created_by":"ENV PATH=/usr/bin","empty_layer":true},
                    {"created_by":"COPY certs /etc/ssl"}]}
        """;

    [TestMethod]
    public void ABaseImage_MadeItemsAndCopiedAsMSBuildCopiesOutputs_ReadsBackTheSame()
    {
        var image = Base("linux/amd64", "linux/arm64/v8");

        var (platforms, layers) = BaseImageItems.ToItems(image);
        var diagnostics = new List<Diagnostic>();
        var read = BaseImageItems.Read(Reference, Copy(platforms), Copy(layers), image.Platforms.Select(p => p.Platform), diagnostics);

        Assert.AreEqual(0, diagnostics.Count, string.Join('\n', diagnostics));
        Assert.AreEqual(Describe(image), Describe(read!));
    }

    [TestMethod]
    public void TheLayerItems_AreEachPlatformsLayersBottomFirst_WithWhereAPushMountsThemFrom()
    {
        var (_, layers) = BaseImageItems.ToItems(Base("linux/amd64", "linux/arm64/v8"));

        CollectionAssert.AreEqual(
            new[] { "linux/amd64", "linux/amd64", "linux/arm64/v8", "linux/arm64/v8" },
            layers.Select(l => l.GetMetadata("Platform")).ToArray());
        Assert.AreEqual("base/distroless layer 1", layers[0].GetMetadata("LayerName"));
        Assert.AreEqual("registry.example.com:5000", layers[0].GetMetadata("Registry"));
        Assert.AreEqual("base/distroless", layers[0].GetMetadata("Repository"));
    }

    [TestMethod]
    public void NoReference_IsNoRegistryBase()
    {
        var diagnostics = new List<Diagnostic>();

        Assert.IsNull(BaseImageItems.Read("", [], [], [new ImagePlatform("linux", "amd64", null)], diagnostics));
        Assert.AreEqual(0, diagnostics.Count);
    }

    [TestMethod]
    public void APlatformImageBaseDidNotPassOn_IsGOI2051NamingIt()
    {
        var (platforms, layers) = BaseImageItems.ToItems(Base("linux/amd64"));
        var diagnostics = new List<Diagnostic>();

        var read = BaseImageItems.Read(Reference, platforms, layers, [new ImagePlatform("linux", "amd64", null), new ImagePlatform("linux", "s390x", null)], diagnostics);

        Assert.IsNull(read);
        Assert.AreEqual("GOI2051", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, "no linux/s390x part");
    }

    [TestMethod]
    [DataRow("ManifestDigest", "latest")]
    [DataRow("Env", "PATH=/usr/bin")]
    [DataRow("Labels", "[\"a\"]")]
    [DataRow("ExposedPorts", "[8080]")]
    [DataRow("History", "[{\"comment\":\"no created_by\"}]")]
    [DataRow("ConfigPlatform", "linux")]
    public void AnEditedPlatformItem_IsGOI2050NamingTheMetadata_NotAnException(string name, string value)
    {
        var (platforms, layers) = BaseImageItems.ToItems(Base("linux/amd64"));
        var edited = new TaskItem(platforms[0]);
        edited.SetMetadata(name, value);
        var diagnostics = new List<Diagnostic>();

        var read = BaseImageItems.Read(Reference, [edited], layers, [], diagnostics);

        Assert.IsNull(read);
        Assert.AreEqual("GOI2050", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, $"ContainerBaseImagePlatform item 'linux/amd64' has {name} '{value}'");
    }

    [TestMethod]
    public void AReferenceWithoutADigest_IsGOI3001()
    {
        var diagnostics = new List<Diagnostic>();

        Assert.IsNull(BaseImageItems.Read("registry.example.com/base:1.0", [], [], [], diagnostics));

        Assert.AreEqual("GOI3001", diagnostics.Single().Code);
    }

    [TestMethod]
    public void MountSources_AreTheLayersOnThePushRegistry_EachOnce()
    {
        var (_, layers) = BaseImageItems.ToItems(Base("linux/amd64", "linux/arm64/v8"));

        var same = BaseImageItems.MountSources(layers, "REGISTRY.example.com:5000", []);
        var other = BaseImageItems.MountSources(layers, "ghcr.io", []);

        Assert.AreEqual(2, same.Count, "the two platforms share their two layers");
        Assert.AreEqual("base/distroless", same[Digest.Of("layer 1"u8)]);
        Assert.AreEqual(0, other.Count);
    }

    [TestMethod]
    public void ImageBaseOutputs_ReachImageLayer_WhichReadsAccountsFromTheBaseLayers()
    {
        // A registry base whose only account file names 'app': ImageLayer resolves it from the passed-on layers, no cache read.
        using var temp = new TempDirectory();
        var passwd = Encoding.ASCII.GetBytes("root:x:0:0:root:/root:/sbin/nologin\napp:x:1234:2345:app:/home/app:/sbin/nologin\n");
        var layerPath = Path.Combine(temp.Path, "accounts.tar");
        using (var tar = new System.Formats.Tar.TarWriter(File.Create(layerPath)))
        {
            tar.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "etc/passwd") { DataStream = new MemoryStream(passwd) });
        }

        var digest = Digest.OfFile(layerPath);
        var config = BaseImageConfig.Parse(Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:""" + digest.Hex + "\"]}}"));
        var layer = new Layer("base/distroless layer 1", layerPath, digest, new FileInfo(layerPath).Length, digest) { MediaType = "application/vnd.oci.image.layer.v1.tar" };
        var pinned = Pinned();
        var (platforms, layers) = BaseImageItems.ToItems(new BaseImage(pinned, pinned.Digest!.Value, [new BasePlatformImage(new ImagePlatform("linux", "amd64", null), digest, [layer], config)]));
        var engine = new FakeBuildEngine();
        var task = new ImageLayer
        {
            BuildEngine = engine, Binaries = [new TaskItem(temp.Write("api", "binary"), new Dictionary<string, string> { ["Platform"] = "linux/amd64" })],
            AppPath = "/app/api", BaseImage = Reference, User = "app", CacheDirectory = Path.Combine(temp.Path, "cache"),
            BaseImageReference = Reference, BaseImagePlatforms = Copy(platforms), BaseImageLayers = Copy(layers),
        };

        Assert.IsTrue(task.Execute(), engine.Log);

        Assert.AreEqual("1234:2345", task.ResolvedUser);
    }

    private static BaseImage Base(params string[] platforms)
    {
        var pinned = Pinned();
        var config = BaseImageConfig.Parse(Encoding.UTF8.GetBytes(ConfigJson));
        return new BaseImage(pinned, pinned.Digest!.Value, platforms.Select(p =>
        {
            var parts = p.Split('/');
            var platform = new ImagePlatform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
            var layers = config.DiffIds.Select((diffId, i) => new Layer(
                $"base/distroless layer {i + 1}", $"/cache/blobs/sha256/{i}; 100%3B", Digest.Of(Encoding.ASCII.GetBytes($"layer {i + 1}")), 1000 + i, diffId)
            {
                MediaType = i == 0 ? MediaTypes.LayerGzip : "application/vnd.oci.image.layer.v1.tar",
            }).ToList();
            return new BasePlatformImage(platform, Digest.Of(Encoding.ASCII.GetBytes(p)), layers, config);
        }).ToList());
    }

    private static ImageReference Pinned() =>
        ImageReference.TryParse(Reference, out var pinned, out var problem) ? pinned : throw new AssertFailedException(problem);

    // The engine keeps a task's output items by their escaped spec and metadata, as TaskItem's copy does.
    private static ITaskItem[] Copy(ITaskItem[] items) => items.Select(i => (ITaskItem)new TaskItem(i)).ToArray();

    // Records holding lists compare by reference: every field, written out, is what must survive.
    private static string Describe(BaseImage image) => string.Join('\n', new[] { $"{image.Reference} {image.Digest}" }.Concat(image.Platforms.SelectMany(p => new[]
    {
        $"{p.Platform} {p.ManifestDigest} config {p.Config.Platform}",
        "env " + string.Join(" | ", p.Config.Environment),
        "labels " + string.Join(" | ", p.Config.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")),
        "ports " + string.Join(" | ", p.Config.ExposedPorts),
        "diffids " + string.Join(" | ", p.Config.DiffIds),
        "history " + string.Join(" | ", p.Config.History.Select(h => $"{h.CreatedBy}/{h.Comment}/{h.Created}/{h.EmptyLayer}")),
    }.Concat(p.Layers.Select(l => $"layer {l}")))));
}
