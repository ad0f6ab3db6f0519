using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Images;
using GoImage.Testing;
using static GoImage.Core.Tests.Registry.RegistryTestKit;

namespace GoImage.Core.Tests.Registry;

/// <summary>SBOM referrers in a layout go up with the image: by the referrers API when the registry has it, else by the fallback tag.</summary>
[TestClass]
public sealed class RegistryReferrerPushTests
{
    private static readonly string[] Tags = ["1.0"];

    [TestMethod]
    public async Task Push_ToARegistryWithoutTheReferrersApi_StoresTheSbomAndListsItUnderTheFallbackTag()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        var sbom = AddSbom(image, image.Manifests[0].Descriptor);
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);

        // Act
        var result = await PushAsync(client, image, Tags);

        // Assert
        var tag = "sha256-" + image.Manifests[0].Descriptor.Digest.Hex;
        CollectionAssert.AreEqual(sbom.Manifest.Content, registry.GetManifest(Repository, sbom.Manifest.Descriptor.Digest.ToString()));
        CollectionAssert.AreEqual(sbom.Blobs[1].Content, registry.GetBlob(Repository, sbom.Blobs[1].Descriptor.Digest.ToString()));
        CollectionAssert.AreEqual(ImageReferrer.Index([sbom.Descriptor]).Content, registry.GetManifest(Repository, tag));
        CollectionAssert.AreEqual(new[] { tag }, result.FallbackTags.ToArray());
        Assert.AreEqual(1, result.Referrers);
        CollectionAssert.Contains(registry.Tags(Repository).ToArray(), "1.0");
    }

    [TestMethod]
    public async Task Push_Again_LeavesTheFallbackTagAlone()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        AddSbom(image, image.Manifests[0].Descriptor);
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        await PushAsync(client, image, Tags);
        registry.ClearRecords();

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        var tag = "sha256-" + image.Manifests[0].Descriptor.Digest.Hex;
        Assert.IsFalse(registry.Requests.Any(r => r.Method == "PUT" && r.Path.EndsWith("/manifests/" + tag, StringComparison.Ordinal)), string.Join("\n", registry.Requests));
    }

    [TestMethod]
    public async Task Push_WhenTheFallbackTagListsAnotherReferrer_KeepsItAndAddsTheSbom()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        var sbom = AddSbom(image, image.Manifests[0].Descriptor);
        await using var registry = await FakeRegistry.StartAsync();
        // Another tool's signature of the same manifest, already listed by the fallback tag.
        var signed = ImageReferrer.Create(
            image.Manifests[0].Descriptor, "application/vnd.example.signature.v1", ImageBlob.Create("application/octet-stream", "signature"u8.ToArray()), new Dictionary<string, string>());
        foreach (var blob in signed.Blobs)
        {
            registry.PutBlob(Repository, blob.Content);
        }

        registry.PutManifest(Repository, signed.Manifest.Descriptor.Digest.ToString(), MediaTypes.ImageManifest, signed.Manifest.Content);
        var signature = signed.Descriptor;
        var tag = "sha256-" + image.Manifests[0].Descriptor.Digest.Hex;
        registry.PutManifest(Repository, tag, MediaTypes.ImageIndex, ImageReferrer.Index([signature]).Content);
        using var client = Client(registry);

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        CollectionAssert.AreEqual(ImageReferrer.Index([signature, sbom.Descriptor]).Content, registry.GetManifest(Repository, tag));
    }

    [TestMethod]
    public async Task Push_ToARegistryWithTheReferrersApi_WritesNoFallbackTag()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        var sbom = AddSbom(image, image.Manifests[1].Descriptor);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { ReferrersApi = true });
        using var client = Client(registry);

        // Act
        var result = await PushAsync(client, image, Tags);

        // Assert
        CollectionAssert.AreEqual(sbom.Manifest.Content, registry.GetManifest(Repository, sbom.Manifest.Descriptor.Digest.ToString()));
        Assert.AreEqual(0, result.FallbackTags.Count);
        CollectionAssert.AreEqual(new[] { "1.0" }, registry.Tags(Repository).ToArray());
    }

    // Adds an SBOM referrer of subject to the layout as OciLayoutWriter does: its blobs, its referrers index, an index.json entry.
    private static ImageReferrer AddSbom(TestLayout image, Descriptor subject)
    {
        var sbom = ImageReferrer.Create(
            subject,
            MediaTypes.SpdxJson,
            ImageBlob.Create(MediaTypes.SpdxJson, System.Text.Encoding.UTF8.GetBytes($$"""{"spdxVersion":"SPDX-2.3","name":"{{subject.Digest}}"}""")),
            new Dictionary<string, string> { ["org.opencontainers.image.created"] = "1970-01-01T00:00:00Z" });
        var index = ImageReferrer.Index([sbom.Descriptor]);
        foreach (var blob in sbom.Blobs.Append(sbom.Manifest).Append(index))
        {
            File.WriteAllBytes(LayoutFiles.BlobPath(image.Path, blob.Descriptor.Digest.ToString()), blob.Content);
        }

        var entries = new ImageIndex([
            image.Index.Descriptor with { Annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "1.0" } },
            index.Descriptor with { Annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = ImageReferrer.FallbackTag(subject.Digest) } },
        ]).ToBlob();
        File.WriteAllBytes(LayoutFiles.IndexPath(image.Path), entries.Content);
        return sbom;
    }
}
