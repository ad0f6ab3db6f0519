using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using GoImage.Composition;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Core.Tests.Composition;

/// <summary>
/// Thousands of random TargetPath, label, environment and port strings, biased towards the characters
/// that break things (NUL, newlines, slashes, dots, '=', quotes, non-ASCII, lone surrogates): each
/// gives coded errors or a valid image, never an exception.
/// </summary>
[TestClass]
public sealed class HostileInputFuzzTests
{
    private const int Cases = 3000;

    private static readonly string[] Pieces =
    [
        "\0", "\n", "\r", "\t", "\u007f", "\u0085", "/", "//", "\\", ".", "..", "=", "\"", "'", " ", ":", "@", "%00", "é", "日本",
        "\ud83d\ude00", ((char)0xD800).ToString(), "app", "hello", "etc", "x", "8080", "-1", "65536", "tcp", "udp", "/tcp", "0",
        "PATH", "A_B", "org.opencontainers.image.title", new string('a', 120),
    ];

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        var count = random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            text.Append(random.Next(4) == 0 ? ((char)random.Next(0, 0x3000)).ToString() : Pieces[random.Next(Pieces.Length)]);
        }

        return text.ToString();
    }

    [TestMethod]
    public void RandomTargetPaths_GiveCodedErrorsOrALayerWhoseTarHasEachPathOnce()
    {
        using var temp = new TempDirectory();
        var source = temp.Write("a.conf", "a");
        var roots = new SourceRoots([temp.Path]);
        var random = new Random(12);
        var layers = 0;
        for (var i = 0; i < Cases; i++)
        {
            var files = Enumerable.Range(0, random.Next(1, 4))
                .Select(n => new ContainerFile($"item{n}", source, (random.Next(3) == 0 ? "" : "/") + RandomText(random), random.Next(5) == 0 ? RandomText(random) : ""))
                .ToList();
            var diagnostics = new List<Diagnostic>();
            var entries = ContainerFile.ToEntries(files, "/app/hello", roots, diagnostics);
            if (entries is null)
            {
                Assert.IsTrue(diagnostics.Count > 0 && diagnostics.All(d => d.Code.StartsWith("GOI", StringComparison.Ordinal) && !d.IsWarning), $"case {i}");
                continue;
            }

            layers++;
            AssertTarHoldsEachPathOnce(entries, i);
        }

        Assert.IsTrue(layers > Cases / 20, $"only {layers} of {Cases} cases gave a layer: the generator is too hostile to test the good path");
    }

    [TestMethod]
    public void RandomLabelsEnvironmentAndPorts_GiveCodedErrorsOrAConfigThatParses()
    {
        var random = new Random(34);
        var images = 0;
        for (var i = 0; i < Cases; i++)
        {
            var request = new ImageRequest
            {
                ProjectName = "hello",
                AppPath = "/app/hello",
                // Half the keys plain, so the good path (the config written) is exercised too.
                Ports = [new(random.Next(2) == 0 ? "8080" : RandomText(random), random.Next(3) == 0 ? RandomText(random) : "")],
                EnvironmentVariables = [new(random.Next(2) == 0 ? "APP_MODE" : RandomText(random), RandomText(random))],
                Labels = [new(random.Next(2) == 0 ? "com.example.note" : RandomText(random), RandomText(random))],
            };
            var diagnostics = new List<Diagnostic>();
            var definition = ImageRequestValidator.Validate(request, diagnostics);
            if (definition is null)
            {
                Assert.IsTrue(diagnostics.Count > 0 && diagnostics.All(d => d.Code.StartsWith("GOI", StringComparison.Ordinal)), $"case {i}");
                continue;
            }

            images++;
            var config = new ImageConfig(SampleImage.Amd64, definition.Config, definition.Created).ToBlob();
            using var json = JsonDocument.Parse(config.Content);
            Assert.AreEqual(config.Descriptor.Digest, Digest.Of(config.Content));
        }

        Assert.IsTrue(images > Cases / 20, $"only {images} of {Cases} requests were valid");
    }

    private static void AssertTarHoldsEachPathOnce(List<LayerEntry> entries, int i)
    {
        var content = LayerContent.Create("files", entries, 0);
        content.CacheKey(LayerCompression.Gzip, CancellationToken.None);
        using var blob = new MemoryStream();
        LayerWriter.Write(content, LayerCompression.Gzip, blob, "blob", CancellationToken.None);
        blob.Position = 0;
        using var gzip = new GZipStream(blob, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var names = new List<string>();
        while (tar.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name.TrimEnd('/'));
        }

        Assert.AreEqual(names.Count, names.Distinct(StringComparer.Ordinal).Count(), $"case {i}: a path is in the tar twice: {string.Join(", ", names)}");
        foreach (var entry in entries)
        {
            CollectionAssert.Contains(names, entry.Path, $"case {i}");
        }
    }
}
