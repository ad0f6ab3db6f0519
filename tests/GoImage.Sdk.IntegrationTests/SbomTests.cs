using System.Text.Json;
using Json.Schema;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// samples/vendored published in two folders: one SPDX 2.3 document a platform, valid against the
/// official schema, naming the vendored module, identical across the builds; pushed to a real
/// registry without the referrers API, found by skopeo under the fallback tag.
/// </summary>
[TestClass]
public sealed class SbomTests
{
    private static GoProject _first = null!;
    private static GoProject _second = null!;
    private static CommandResult _firstPublish = null!;
    private static CommandResult _secondPublish = null!;
    private static RegistryServer _registry = null!;

    [ClassInitialize]
    public static async Task PublishTwice(TestContext context)
    {
        _registry = await RegistryServer.StartAsync();
        _first = GoProject.FromSample("vendored");
        _second = GoProject.FromSample("vendored");
        _firstPublish = _first.Publish($"-p:ContainerRegistry={_registry.Host}");
        _secondPublish = _second.Publish();
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _first.Dispose();
        _second.Dispose();
        _registry.Dispose();
    }

    [TestMethod]
    [DataRow("amd64")]
    [DataRow("arm64")]
    public void Sbom_IsValidSpdx23_AndListsTheVendoredModuleWithItsVersion(string architecture)
    {
        Peers.Expect(_firstPublish);

        var sbom = new OciLayout(_first.LayoutPath).SbomBytes(architecture);

        using var document = JsonDocument.Parse(sbom);
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Repository.Root, "tests", "GoImage.Core.Tests", "Schemas", "spdx-2.3", "spdx-schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.IsTrue(results.IsValid, string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))));
        var packages = document.RootElement.GetProperty("packages").EnumerateArray().ToList();
        var quote = packages.Single(p => p.GetProperty("name").GetString() == "example.com/quote");
        Assert.AreEqual("v1.2.0", quote.GetProperty("versionInfo").GetString());
        Assert.AreEqual("pkg:golang/example.com/quote@v1.2.0", quote.GetProperty("externalRefs")[0].GetProperty("referenceLocator").GetString());
        var main = packages.Single(p => p.GetProperty("primaryPackagePurpose").GetString() == "APPLICATION");
        StringAssert.Contains(main.GetProperty("comment").GetString(), "GOARCH=" + architecture);
    }

    [TestMethod]
    public void Sbom_IsTheSameBytesInTwoDirectories()
    {
        Peers.Expect(_firstPublish);
        Peers.Expect(_secondPublish);

        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            CollectionAssert.AreEqual(new OciLayout(_first.LayoutPath).SbomBytes(architecture), new OciLayout(_second.LayoutPath).SbomBytes(architecture), architecture);
        }
    }

    [TestMethod]
    public void Push_SkopeoFindsEachSbomUnderTheFallbackTag()
    {
        Peers.Expect(_firstPublish);
        var layout = new OciLayout(_first.LayoutPath);

        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            var tag = "sha256-" + layout.ManifestDigest(architecture)["sha256:".Length..];
            var raw = Peers.Skopeo("inspect", "--raw", "--tls-verify=false", $"docker://{_registry.Host}/vendored:{tag}");
            Peers.Expect(raw);
            using var index = JsonDocument.Parse(raw.Output);
            // Beside the SBOM: the unsigned SLSA provenance (ContainerGenerateProvenance is on by default).
            var listed = index.RootElement.GetProperty("manifests").EnumerateArray().ToList();
            CollectionAssert.AreEquivalent(new[] { "application/spdx+json", "application/vnd.in-toto+json" }, listed.Select(m => m.GetProperty("artifactType").GetString()).ToArray());
            var referrer = listed.Single(m => m.GetProperty("artifactType").GetString() == "application/spdx+json");

            var manifest = Peers.Skopeo("inspect", "--raw", "--tls-verify=false", $"docker://{_registry.Host}/vendored@{referrer.GetProperty("digest").GetString()}");
            Peers.Expect(manifest);
            using var artifact = JsonDocument.Parse(manifest.Output);
            Assert.AreEqual(layout.ManifestDigest(architecture), artifact.RootElement.GetProperty("subject").GetProperty("digest").GetString());
        }
    }
}
