using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Registry;
using GoImage.Testing;
using static GoImage.Core.Tests.Registry.RegistryTestKit;

namespace GoImage.Core.Tests.Registry;

/// <summary>
/// Pushing images and blobs to the fake registry, with the faults of reliability.md cases 6–15 injected:
/// what ends up in the registry, which requests were sent, and which coded error comes out.
/// </summary>
[TestClass]
public sealed class RegistryPushTests
{
    private static readonly string[] Tags = ["1.0", "latest"];

    // Case 6: a 2-platform image arrives whole, in exact bytes.

    [TestMethod]
    public async Task PushOfATwoPlatformImage_StoresEveryBlobEachManifestByDigestAndTheIndexUnderEachTag()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);

        // Act
        var result = await PushAsync(client, image, Tags);

        // Assert
        Assert.AreEqual(image.IndexDigest, result.Digest);
        Assert.AreEqual(image.Blobs.Count, result.Uploaded);
        Assert.AreEqual(image.Blobs.Values.Sum(b => (long)b.Length), result.BytesUploaded);
        foreach (var (digest, bytes) in image.Blobs)
        {
            CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, digest.ToString()), $"blob {digest}");
        }

        foreach (var manifest in image.Manifests)
        {
            CollectionAssert.AreEqual(manifest.Content, registry.GetManifest(Repository, manifest.Descriptor.Digest.ToString()));
            Assert.AreEqual(MediaTypes.ImageManifest, registry.GetManifestContentType(Repository, manifest.Descriptor.Digest.ToString()));
        }

        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, image.IndexDigest.ToString()));
        CollectionAssert.AreEqual(Tags, registry.Tags(Repository).ToArray());
        foreach (var tag in Tags)
        {
            CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, tag), $"tag {tag}");
            Assert.AreEqual(MediaTypes.ImageIndex, registry.GetManifestContentType(Repository, tag));
        }

        Assert.AreEqual(0, registry.OpenUploadSessions);
    }

    [TestMethod]
    public async Task PushOfATwoPlatformImage_PutsTheTagsOnlyAfterEveryBlobAndManifest()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        var requests = registry.Requests.ToList();
        var manifestPuts = requests.Where(r => r.Method == "PUT" && r.Path.Contains("/manifests/", StringComparison.Ordinal)).Select(r => r.Path[(r.Path.LastIndexOf('/') + 1)..]).ToList();
        // Within a step the requests go together, so only the steps' order is fixed.
        var children = image.Manifests.Select(m => m.Descriptor.Digest.ToString()).ToList();
        Assert.AreEqual(children.Count + 1 + Tags.Length, manifestPuts.Count, Log(registry));
        CollectionAssert.AreEquivalent(children, manifestPuts.Take(children.Count).ToList(), "children by digest first");
        Assert.AreEqual(image.IndexDigest.ToString(), manifestPuts[children.Count], "then the index by digest");
        CollectionAssert.AreEquivalent(Tags.ToList(), manifestPuts.Skip(children.Count + 1).ToList(), "then the tags");
        var firstManifestPut = requests.FindIndex(r => r.Method == "PUT" && r.Path.Contains("/manifests/", StringComparison.Ordinal));
        var lastUpload = requests.FindLastIndex(r => r.Path.Contains("/blobs/uploads/", StringComparison.Ordinal));
        Assert.IsTrue(lastUpload < firstManifestPut, Log(registry));
    }

    // Case 8: a re-push sends no blob.

    [TestMethod]
    public async Task PushOfTheSameImageAgain_UploadsNoBlob()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        await PushAsync(client, image, Tags);
        registry.ClearRecords();

        // Act
        var result = await PushAsync(client, image, Tags);

        // Assert
        Assert.AreEqual(0, result.Uploaded);
        Assert.AreEqual(image.Blobs.Count, result.AlreadyPresent);
        Assert.AreEqual(0, result.BytesUploaded);
        Assert.AreEqual(0, UploadWrites(registry).Count, Log(registry));
        Assert.AreEqual(image.Blobs.Count, Count(registry, "HEAD", "/blobs/sha256:"));
    }

    // Case 7: a broken push never leaves a tag pointing at missing content.

    [TestMethod]
    public async Task FirstPush_WhenABlobUploadIsRejected_WritesNoManifestAndNoTag()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/blobs/uploads/").Nth(2).Respond(400, "DIGEST_INVALID"));
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        Assert.AreEqual("GOI3007", error.Diagnostic.Code);
        Assert.AreEqual(0, registry.Tags(Repository).Count);
        Assert.AreEqual(0, Count(registry, "PUT", "/manifests/"), Log(registry));
    }

    [TestMethod]
    public async Task FirstPush_WhenAChildManifestIsRejected_WritesNoTag()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/manifests/" + image.Manifests[1].Descriptor.Digest).Respond(400, "MANIFEST_INVALID"));
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        StringAssert.Contains(error.Diagnostic.Message, "MANIFEST_INVALID");
        Assert.AreEqual(0, registry.Tags(Repository).Count);
        Assert.IsNull(registry.GetManifest(Repository, image.IndexDigest.ToString()));
    }

    [TestMethod]
    public async Task RePushOverAnExistingTag_WhenBlobUploadRetriesAreExhausted_LeavesTheTagOnTheOldImage()
    {
        // Arrange
        using var temp = new TempDirectory();
        var old = TestLayout.Write(temp.Combine("old"));
        var next = TestLayout.Write(temp.Combine("new"));
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        await PushAsync(client, old, Tags);
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/blobs/uploads/").Respond(503));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, next, Tags));

        // Assert
        Assert.AreEqual("GOI3008", error.Diagnostic.Code);
        foreach (var tag in Tags)
        {
            CollectionAssert.AreEqual(old.Index.Content, registry.GetManifest(Repository, tag), $"tag {tag}");
        }
    }

    [TestMethod]
    public async Task RePushOverAnExistingTag_WhenAChildManifestPutKeepsFailing_LeavesTheTagOnTheOldImage()
    {
        // Arrange
        using var temp = new TempDirectory();
        var old = TestLayout.Write(temp.Combine("old"));
        var next = TestLayout.Write(temp.Combine("new"));
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        await PushAsync(client, old, Tags);
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/manifests/" + next.Manifests[0].Descriptor.Digest).Respond(500));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, next, Tags));

        // Assert
        Assert.AreEqual("GOI3008", error.Diagnostic.Code);
        Assert.IsNull(registry.GetManifest(Repository, next.IndexDigest.ToString()));
        foreach (var tag in Tags)
        {
            CollectionAssert.AreEqual(old.Index.Content, registry.GetManifest(Repository, tag), $"tag {tag}");
        }
    }

    [TestMethod]
    public async Task RePushOverAnExistingTag_WhenAChildManifestIsRejected_LeavesTheTagOnTheOldImage()
    {
        // Arrange
        using var temp = new TempDirectory();
        var old = TestLayout.Write(temp.Combine("old"));
        var next = TestLayout.Write(temp.Combine("new"));
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        await PushAsync(client, old, Tags);
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/manifests/" + next.Manifests[1].Descriptor.Digest).Respond(400, "MANIFEST_INVALID"));

        // Act
        await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, next, Tags));

        // Assert
        foreach (var tag in Tags)
        {
            CollectionAssert.AreEqual(old.Index.Content, registry.GetManifest(Repository, tag), $"tag {tag}");
        }
    }

    // Case 9: mounts.

    [TestMethod]
    public async Task MountAnsweredWith202_UploadsIntoTheSessionTheMountOpened()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(20_000);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { MountEnabled = false });
        registry.PutBlob("goimage/base", bytes);
        using var client = Client(registry);

        // Act
        var outcome = await PushBlobAsync(client, blob, bytes, mountFrom: "goimage/base");

        // Assert
        Assert.AreEqual(BlobPushOutcome.Uploaded, outcome);
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        var posts = registry.Requests.Where(r => r.Method == "POST").ToList();
        Assert.AreEqual(1, posts.Count, Log(registry));
        StringAssert.Contains(posts[0].Query, "mount=" + blob.Digest);
        Assert.AreEqual(1, Count(registry, "PUT", "/blobs/uploads/"));
        Assert.AreEqual(0, registry.OpenUploadSessions);
    }

    [TestMethod]
    public async Task MountAnsweredWith201_MountsWithoutUploading()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(20_000);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync();
        registry.PutBlob("goimage/base", bytes);
        using var client = Client(registry);

        // Act
        var outcome = await PushBlobAsync(client, blob, bytes, mountFrom: "goimage/base");

        // Assert
        Assert.AreEqual(BlobPushOutcome.Mounted, outcome);
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        Assert.AreEqual(0, registry.Requests.Count(r => r.Method is "PUT" or "PATCH"), Log(registry));
    }

    [TestMethod]
    public async Task PushWithMountSources_MountsTheBaseLayersAndUploadsTheRest()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        var shared = image.Layers[0];
        await using var registry = await FakeRegistry.StartAsync();
        registry.PutBlob("goimage/base", image.Blobs[shared]);
        using var client = Client(registry);

        // Act
        var result = await PushAsync(client, image, Tags, mountSources: new Dictionary<Digest, string> { [shared] = "goimage/base" });

        // Assert
        Assert.AreEqual(1, result.Mounted);
        Assert.AreEqual(image.Blobs.Count - 1, result.Uploaded);
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
    }

    // Case 10: chunked uploads.

    [TestMethod]
    public async Task ChunkedUpload_RaisesTheChunkSizeToTheRegistrysMinimum()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(100 << 10);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { ChunkMinLength = 32 << 10 });
        using var client = Client(registry, Fast with { ChunkedUploads = true, ChunkSize = 8 << 10 });

        // Act
        var outcome = await PushBlobAsync(client, blob, bytes);

        // Assert
        Assert.AreEqual(BlobPushOutcome.Uploaded, outcome);
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        var chunks = registry.Requests.Where(r => r.Method == "PATCH").Select(r => r.ContentLength).ToList();
        CollectionAssert.AreEqual(new long?[] { 32 << 10, 32 << 10, 32 << 10, 4 << 10 }, chunks, Log(registry));
    }

    [TestMethod]
    public async Task ChunkedUpload_UsesTheConfiguredChunkSizeWhenTheRegistryAsksForNoMinimum()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(40 << 10);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry, Fast with { ChunkedUploads = true, ChunkSize = 16 << 10 });

        // Act
        await PushBlobAsync(client, blob, bytes);

        // Assert
        var chunks = registry.Requests.Where(r => r.Method == "PATCH").Select(r => r.ContentLength).ToList();
        CollectionAssert.AreEqual(new long?[] { 16 << 10, 16 << 10, 8 << 10 }, chunks, Log(registry));
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
    }

    [TestMethod]
    public async Task ChunkedUpload_AnsweredWith416_AsksTheRegistryForItsRangeAndResumes()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(64 << 10);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync();
        var outOfRange = registry.Faults.Add(FaultRule.ForMethod("PATCH").Nth(3).Respond(416, "BLOB_UPLOAD_INVALID"));
        using var client = Client(registry, Fast with { ChunkedUploads = true, ChunkSize = 16 << 10 });

        // Act
        var outcome = await PushBlobAsync(client, blob, bytes);

        // Assert
        Assert.AreEqual(BlobPushOutcome.Uploaded, outcome);
        Assert.AreEqual(1, outOfRange.Hits);
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        Assert.AreEqual(1, Count(registry, "GET", "/blobs/uploads/"), "one status query after the 416\n" + Log(registry));
        Assert.AreEqual(1, Count(registry, "POST", "/blobs/uploads/"), "resumed in the same session");
        Assert.AreEqual(5, Count(registry, "PATCH", "/blobs/uploads/"), "four chunks and the refused one");
    }

    [TestMethod]
    [DataRow(false, DisplayName = "relative Location")]
    [DataRow(true, DisplayName = "absolute Location")]
    public async Task ChunkedUpload_FollowsTheLocationTheRegistryGives(bool absolute)
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { AbsoluteLocations = absolute });
        using var client = Client(registry, Fast with { ChunkedUploads = true, ChunkSize = 16 << 10 });

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        foreach (var (digest, bytes) in image.Blobs)
        {
            CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, digest.ToString()), $"blob {digest}");
        }

        Assert.IsTrue(Count(registry, "PATCH", "/blobs/uploads/") > image.Blobs.Count, "the layers went in several chunks");
        Assert.IsFalse(registry.Requests.Any(r => r.StatusCode == 400), Log(registry));
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
    }

    [TestMethod]
    public async Task MonolithicUpload_AnsweredWith413_FallsBackToChunks()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(40 << 10);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync();
        var tooLarge = registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/blobs/uploads/").Nth(1).Respond(413, "SIZE_INVALID"));
        using var client = Client(registry, Fast with { ChunkSize = 16 << 10 });

        // Act
        var outcome = await PushBlobAsync(client, blob, bytes);

        // Assert
        Assert.AreEqual(BlobPushOutcome.Uploaded, outcome);
        Assert.AreEqual(1, tooLarge.Hits);
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        Assert.AreEqual(3, Count(registry, "PATCH", "/blobs/uploads/"), Log(registry));
        Assert.AreEqual(0, registry.OpenUploadSessions, "the refused session was deleted");
    }

    // Case 11: errors retrying cannot fix are not retried, and name their code.

    [TestMethod]
    [DataRow("DIGEST_INVALID")]
    [DataRow("SIZE_INVALID")]
    [DataRow("BLOB_UPLOAD_INVALID")]
    public async Task BlobUploadRejectedWithABadRequestCode_IsNotRetriedAndNamesTheCode(string code)
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(20_000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/blobs/uploads/").Respond(400, code));
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual("GOI3007", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, code);
        Assert.AreEqual(1, Count(registry, "PUT", "/blobs/uploads/"), Log(registry));
    }

    [TestMethod]
    public async Task UploadDenied_IsNotRetriedAndNamesDenied()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(20_000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("POST").PathContains("/blobs/uploads/").Respond(403, "DENIED"));
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual("GOI3006", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "DENIED");
        Assert.AreEqual(1, Count(registry, "POST", "/blobs/uploads/"), Log(registry));
    }

    [TestMethod]
    public async Task ManifestPut_AnsweredWithDenied_IsNotRetriedAndNamesDenied()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/manifests/").Respond(403, "DENIED"));
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        Assert.AreEqual("GOI3006", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "DENIED");
        AssertEachManifestPutOnce(registry, image);
    }

    [TestMethod]
    public async Task ManifestWhoseBlobsAreMissing_IsNotRetriedAndNamesManifestBlobUnknown()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(
            () => client.PutManifestAsync(Repository, image.Manifests[0].Descriptor.Digest.ToString(), image.Manifests[0], CancellationToken.None));

        // Assert
        Assert.AreEqual("GOI3007", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "MANIFEST_BLOB_UNKNOWN");
        Assert.AreEqual(1, Count(registry, "PUT", "/manifests/"), Log(registry));
    }

    [TestMethod]
    public async Task ManifestTooLargeForTheRegistry_IsNotRetriedAndNames413()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { MaxManifestBytes = 100 });
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        Assert.AreEqual("GOI3007", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "413");
        StringAssert.Contains(error.Diagnostic.Message, "SIZE_INVALID");
        AssertEachManifestPutOnce(registry, image);
        Assert.AreEqual(0, registry.Tags(Repository).Count);
    }

    [TestMethod]
    public async Task PushToAnInvalidRepositoryName_IsNotRetriedAndNamesNameInvalid()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(
            () => client.PushBlobAsync("GoImage/Upper", blob, () => new MemoryStream(bytes), null, null, CancellationToken.None));

        // Assert
        Assert.AreEqual("GOI3007", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "NAME_INVALID");
        Assert.AreEqual(1, Count(registry, "HEAD", "/blobs/"), Log(registry));
        Assert.AreEqual(0, UploadWrites(registry).Count);
    }

    [TestMethod]
    public async Task BlobCheckDenied_IsNotRetriedAndNamesDeniedFromTheBodyOfAGet()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForAnyMethod().PathContains("/blobs/sha256:").Respond(403, "DENIED"));
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual("GOI3006", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "DENIED: injected fault");
        Assert.AreEqual(1, Count(registry, "HEAD", "/blobs/"), Log(registry));
    }

    [TestMethod]
    public async Task BlobCheckRefusedOnlyForHead_ReportsTheHeadAnswerNotTheGets()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("HEAD").Respond(400, "NAME_INVALID"));
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual("GOI3007", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "HTTP 400");
        Assert.IsFalse(error.Diagnostic.Message.Contains("BLOB_UNKNOWN", StringComparison.Ordinal), error.Diagnostic.Message);
    }

    [TestMethod]
    public async Task UploadStartAnsweredWithNameInvalid_IsNotRetriedAndNamesTheCode()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("POST").PathContains("/blobs/uploads/").Respond(400, "NAME_INVALID"));
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        StringAssert.Contains(error.Diagnostic.Message, "NAME_INVALID");
        Assert.AreEqual(1, Count(registry, "POST", "/blobs/uploads/"), Log(registry));
    }

    // Case 12: transient failures are retried a bounded number of times.

    [TestMethod]
    [DataRow(500)]
    [DataRow(502)]
    [DataRow(503)]
    [DataRow(408)]
    public async Task BlobCheckFailingOneTimeLessThanTheAttempts_Succeeds(int status)
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("HEAD").Times(Fast.MaxRetries).Respond(status));
        using var client = Client(registry);

        // Act
        var outcome = await PushBlobAsync(client, LayerOf(bytes), bytes);

        // Assert
        Assert.AreEqual(BlobPushOutcome.Uploaded, outcome);
        Assert.AreEqual(Fast.MaxRetries + 1, Count(registry, "HEAD", "/blobs/"));
    }

    [TestMethod]
    [DataRow(500)]
    [DataRow(503)]
    [DataRow(408)]
    public async Task BlobCheckFailingOnEveryAttempt_FailsWithGOI3008AfterMaxRetriesPlusOneAttempts(int status)
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("HEAD").Respond(status));
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual("GOI3008", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, $"{Fast.MaxRetries + 1} attempts");
        StringAssert.Contains(error.Diagnostic.Message, $"HTTP {status}");
        Assert.AreEqual(Fast.MaxRetries + 1, Count(registry, "HEAD", "/blobs/"));
    }

    [TestMethod]
    public async Task UploadFailingWith503OneTimeLessThanTheAttempts_SucceedsInAFreshSessionEachTime()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(20_000);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/blobs/uploads/").Times(Fast.MaxRetries).Respond(503));
        using var client = Client(registry);

        // Act
        var outcome = await PushBlobAsync(client, blob, bytes);

        // Assert
        Assert.AreEqual(BlobPushOutcome.Uploaded, outcome);
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        Assert.AreEqual(Fast.MaxRetries + 1, Count(registry, "PUT", "/blobs/uploads/"));
        Assert.AreEqual(0, registry.OpenUploadSessions, "each failed session was deleted");
    }

    [TestMethod]
    public async Task UploadFailingWith502OnEveryAttempt_FailsWithGOI3008AfterMaxRetriesPlusOneAttempts()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(20_000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/blobs/uploads/").Respond(502));
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual("GOI3008", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, $"{Fast.MaxRetries + 1} attempts");
        Assert.AreEqual(Fast.MaxRetries + 1, Count(registry, "PUT", "/blobs/uploads/"));
        Assert.AreEqual(0, registry.OpenUploadSessions);
    }

    [TestMethod]
    public async Task ChunkFailingWith500OneTimeLessThanTheAttempts_ResumesAndSucceeds()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(48 << 10);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PATCH").StartingAt(2).Times(Fast.MaxRetries).Respond(500));
        using var client = Client(registry, Fast with { ChunkedUploads = true, ChunkSize = 16 << 10 });

        // Act
        await PushBlobAsync(client, blob, bytes);

        // Assert
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        Assert.AreEqual(1, Count(registry, "POST", "/blobs/uploads/"), "resumed in the same session\n" + Log(registry));
    }

    [TestMethod]
    public async Task ManifestPutFailingOneTimeLessThanTheAttempts_Succeeds()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/manifests/latest").Times(Fast.MaxRetries).Respond(504));
        using var client = Client(registry);

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
        Assert.AreEqual(Fast.MaxRetries + 1, Count(registry, "PUT", "/manifests/latest"));
    }

    // Case 13: 429 Retry-After is honoured, up to a cap.

    [TestMethod]
    public async Task TooManyRequestsWithRetryAfterSeconds_WaitsThatLong()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("HEAD").Nth(1).Respond(429, "TOOMANYREQUESTS", retryAfter: "1"));
        using var client = Client(registry, Fast with { MaxRetryAfter = TimeSpan.FromSeconds(10) });
        var clock = Stopwatch.StartNew();

        // Act
        await PushBlobAsync(client, LayerOf(bytes), bytes);

        // Assert
        Assert.IsTrue(clock.Elapsed >= TimeSpan.FromMilliseconds(980), $"waited {clock.Elapsed}");
    }

    [TestMethod]
    public async Task TooManyRequestsWithRetryAfterSecondsOverTheCap_WaitsOnlyTheCap()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(20_000);
        var cap = TimeSpan.FromMilliseconds(300);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/blobs/uploads/").Nth(1).Respond(429, "TOOMANYREQUESTS", retryAfter: "3600"));
        using var client = Client(registry, Fast with { MaxRetryAfter = cap });
        var clock = Stopwatch.StartNew();

        // Act
        var outcome = await PushBlobAsync(client, LayerOf(bytes), bytes);

        // Assert
        Assert.AreEqual(BlobPushOutcome.Uploaded, outcome);
        Assert.IsTrue(clock.Elapsed >= cap - TimeSpan.FromMilliseconds(20), $"waited {clock.Elapsed}, less than the cap: Retry-After was ignored");
        Assert.IsTrue(clock.Elapsed < cap + TimeSpan.FromSeconds(1.5), $"waited {clock.Elapsed}, far over the cap");
    }

    [TestMethod]
    public async Task TooManyRequestsWithRetryAfterDate_WaitsUntilThatDate()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);

        // HTTP dates have whole seconds: this one is 0.5 to 1.5 s away.
        var start = DateTimeOffset.UtcNow;
        var until = new DateTimeOffset((start + TimeSpan.FromSeconds(1.5)).UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/manifests/").Nth(1).Respond(429, "TOOMANYREQUESTS", retryAfter: until.ToString("R", CultureInfo.InvariantCulture)));
        registry.PutBlob(Repository, []);
        using var client = Client(registry, Fast with { MaxRetryAfter = TimeSpan.FromSeconds(10) });
        var manifest = new ImageManifest(new Descriptor(MediaTypes.ImageConfig, Digest.Of([]), 0), []).ToBlob();

        // Act
        await client.PutManifestAsync(Repository, "latest", manifest, CancellationToken.None);

        // Assert
        var waited = DateTimeOffset.UtcNow - start;
        Assert.IsTrue(waited >= until - start - TimeSpan.FromMilliseconds(50), $"returned after {waited}, before {until - start}");
        CollectionAssert.AreEqual(manifest.Content, registry.GetManifest(Repository, "latest"));
    }

    [TestMethod]
    public async Task TooManyRequestsWithRetryAfterDateOverTheCap_WaitsOnlyTheCap()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        var cap = TimeSpan.FromMilliseconds(300);
        var later = (DateTimeOffset.UtcNow + TimeSpan.FromHours(1)).ToString("R", CultureInfo.InvariantCulture);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("HEAD").Nth(1).Respond(429, "TOOMANYREQUESTS", retryAfter: later));
        using var client = Client(registry, Fast with { MaxRetryAfter = cap });
        var clock = Stopwatch.StartNew();

        // Act
        await PushBlobAsync(client, LayerOf(bytes), bytes);

        // Assert
        Assert.IsTrue(clock.Elapsed >= cap - TimeSpan.FromMilliseconds(20), $"waited {clock.Elapsed}, less than the cap: Retry-After was ignored");
        Assert.IsTrue(clock.Elapsed < cap + TimeSpan.FromSeconds(1.5), $"waited {clock.Elapsed}, far over the cap");
    }

    // Case 14: a connection reset in the middle of an upload.

    [TestMethod]
    public async Task MonolithicUpload_ResetMidBody_RestartsInANewSessionAndStoresTheRightBytes()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(256 << 10);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync();
        var reset = registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/blobs/uploads/").Nth(1).ResetAfterBodyBytes(16 << 10));
        using var client = Client(registry);

        // Act
        var outcome = await PushBlobAsync(client, blob, bytes);

        // Assert
        Assert.AreEqual(BlobPushOutcome.Uploaded, outcome);
        Assert.AreEqual(1, reset.Hits);
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        Assert.AreEqual(blob.Digest.ToString(), FakeRegistry.DigestOf(registry.GetBlob(Repository, blob.Digest.ToString())));
        Assert.AreEqual(2, Count(registry, "PUT", "/blobs/uploads/"), Log(registry));
        Assert.AreEqual(0, registry.OpenUploadSessions, "the broken session was deleted");
    }

    [TestMethod]
    public async Task ChunkedUpload_ResetMidChunk_ResumesFromTheRegistrysRange()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(96 << 10);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync();
        var reset = registry.Faults.Add(FaultRule.ForMethod("PATCH").Nth(3).ResetAfterBodyBytes(1000));
        using var client = Client(registry, Fast with { ChunkedUploads = true, ChunkSize = 32 << 10 });

        // Act
        var outcome = await PushBlobAsync(client, blob, bytes);

        // Assert
        Assert.AreEqual(BlobPushOutcome.Uploaded, outcome);
        Assert.AreEqual(1, reset.Hits);
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        Assert.AreEqual(1, Count(registry, "POST", "/blobs/uploads/"), "resumed, not restarted\n" + Log(registry));
        Assert.AreEqual(1, Count(registry, "GET", "/blobs/uploads/"), "one status query");
        Assert.AreEqual(4, Count(registry, "PATCH", "/blobs/uploads/"), "three chunks and the broken one");
    }

    [TestMethod]
    public async Task ChunkedUpload_ResetOnTheFirstChunkWhenTheRegistryReportsAnEmptySessionAs00_ResumesFromZero()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(48 << 10);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { EmptyUploadRange = "0-0" });
        registry.Faults.Add(FaultRule.ForMethod("PATCH").Nth(1).ResetAfterBodyBytes(100));
        using var client = Client(registry, Fast with { ChunkedUploads = true, ChunkSize = 16 << 10 });

        // Act
        await PushBlobAsync(client, blob, bytes);

        // Assert
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        Assert.AreEqual(1, Count(registry, "POST", "/blobs/uploads/"), Log(registry));
    }

    [TestMethod]
    public async Task ChunkedUpload_ResetOnTheClosingPut_ClosesWithoutSendingTheChunksAgain()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(48 << 10);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/blobs/uploads/").Nth(1).ResetAfterBodyBytes(0));
        using var client = Client(registry, Fast with { ChunkedUploads = true, ChunkSize = 16 << 10 });

        // Act
        await PushBlobAsync(client, blob, bytes);

        // Assert
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        Assert.AreEqual(3, Count(registry, "PATCH", "/blobs/uploads/"), Log(registry));
        Assert.AreEqual(2, Count(registry, "PUT", "/blobs/uploads/"));
    }

    [TestMethod]
    public async Task ChunkedUpload_WhenTheRegistryLostTheSession_StartsOverInANewOne()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(48 << 10);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PATCH").Nth(2).ResetAfterBodyBytes(100));
        registry.Faults.Add(FaultRule.ForMethod("GET").PathContains("/blobs/uploads/").Nth(1).Respond(404, "BLOB_UPLOAD_UNKNOWN"));
        using var client = Client(registry, Fast with { ChunkedUploads = true, ChunkSize = 16 << 10 });

        // Act
        await PushBlobAsync(client, blob, bytes);

        // Assert
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        Assert.AreEqual(2, Count(registry, "POST", "/blobs/uploads/"), Log(registry));
    }

    [TestMethod]
    [DataRow(false, DisplayName = "monolithic")]
    [DataRow(true, DisplayName = "chunked")]
    public async Task UploadResetOnEveryAttempt_FailsWithGOI3008AfterMaxRetriesPlusOneAttempts(bool chunked)
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(48 << 10);
        await using var registry = await FakeRegistry.StartAsync();
        var reset = registry.Faults.Add(FaultRule.ForMethod(chunked ? "PATCH" : "PUT").PathContains("/blobs/uploads/").ResetAfterBodyBytes(100));
        using var client = Client(registry, Fast with { ChunkedUploads = chunked, ChunkSize = 16 << 10 });

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual("GOI3008", error.Diagnostic.Code, error.Diagnostic.Message);
        StringAssert.Contains(error.Diagnostic.Message, $"{Fast.MaxRetries + 1} attempts");
        Assert.AreEqual(Fast.MaxRetries + 1, reset.Hits);
        Assert.AreEqual(0, registry.OpenUploadSessions, Log(registry));
    }

    [TestMethod]
    public async Task PushOfAnImage_WithResetsOnSomeUploads_StoresEveryBlobIntact()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path, layerSize: 200 << 10);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/blobs/uploads/").Times(2).ResetAfterBodyBytes(8 << 10));
        using var client = Client(registry);

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        foreach (var (digest, bytes) in image.Blobs)
        {
            CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, digest.ToString()), $"blob {digest}");
        }

        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
    }

    [TestMethod]
    public async Task ManifestPut_ResetOnce_IsSentAgainAndStored()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        var reset = registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/manifests/latest").Nth(1).ResetAfterBodyBytes(10));
        using var client = Client(registry);

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        Assert.AreEqual(1, reset.Hits);
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
    }

    [TestMethod]
    public async Task ManifestPut_AnsweredWithAnotherDockerContentDigest_FailsWithGOI3032AndMovesNoTag()
    {
        // Arrange: the registry stores the manifest but says it holds other bytes.
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        var altered = "sha256:" + new string('0', 64);
        var rule = registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/manifests/").ReplaceResponseHeader("Docker-Content-Digest", altered));
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        Assert.AreEqual("GOI3032", error.Diagnostic.Code, error.Message);
        StringAssert.Contains(error.Message, altered);
        Assert.IsTrue(rule.Hits >= 1, Log(registry));
        Assert.AreEqual(0, registry.Tags(Repository).Count, "no tag may point at an upload the registry altered: " + Log(registry));
        Assert.AreEqual(0, Count(registry, "PUT", "/manifests/latest") + Count(registry, "PUT", "/manifests/1.0"), Log(registry));
    }

    // A failed upload does not leave its session open in the registry.

    [TestMethod]
    [DataRow(false, 400, "DIGEST_INVALID", DisplayName = "monolithic, rejected")]
    [DataRow(false, 503, null, DisplayName = "monolithic, retries exhausted")]
    [DataRow(true, 400, "BLOB_UPLOAD_INVALID", DisplayName = "chunked, rejected")]
    [DataRow(true, 500, null, DisplayName = "chunked, retries exhausted")]
    public async Task UploadThatFailsForGood_DeletesItsSession(bool chunked, int status, string? code)
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(40 << 10);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod(chunked ? "PATCH" : "PUT").PathContains("/blobs/uploads/").Respond(status, code));
        using var client = Client(registry, Fast with { ChunkedUploads = chunked, ChunkSize = 16 << 10 });

        // Act
        await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual(0, registry.OpenUploadSessions, Log(registry));
    }

    // The layout is checked before anything is sent.

    [TestMethod]
    public async Task PushOfALayoutMissingALayerFile_FailsWithGOI2080WithoutUploading()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        File.Delete(LayoutFiles.BlobPath(image.Path, image.Layers[1].ToString()));
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        Assert.AreEqual("GOI2080", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, image.Layers[1].Hex);
        Assert.AreEqual(0, UploadWrites(registry).Count, Log(registry));
    }

    [TestMethod]
    public async Task PushOfALayoutWithATruncatedLayerFile_FailsWithGOI2082WithoutUploading()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        var path = LayoutFiles.BlobPath(image.Path, image.Layers[0].ToString());
        File.WriteAllBytes(path, image.Blobs[image.Layers[0]][..1000]);
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        Assert.AreEqual("GOI2082", error.Diagnostic.Code);
        Assert.AreEqual(0, UploadWrites(registry).Count, Log(registry));
    }

    [TestMethod]
    public async Task PushOfALayoutWithALayerChangedInPlace_FailsWithGOI2081BeforeAnyRequest()
    {
        // Arrange: the same size, one byte different (what tampering with a signed layout looks like).
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        var path = LayoutFiles.BlobPath(image.Path, image.Layers[1].ToString());
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(path, bytes);
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        Assert.AreEqual("GOI2081", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, image.Layers[1].Hex);
        Assert.IsEmpty(registry.Requests, Log(registry));
    }

    // Case 15: a hung registry, and cancellation.

    [TestMethod]
    public async Task HungRegistry_FailsWithGOI3009AfterTheIdleTimeout()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("HEAD").Hang());
        using var client = Client(registry, Fast with { IdleTimeout = TimeSpan.FromSeconds(1), MaxRetries = 0 });
        var clock = Stopwatch.StartNew();

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual("GOI3009", error.Diagnostic.Code);
        Assert.IsTrue(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"gave up after {clock.Elapsed}");
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(3), $"gave up only after {clock.Elapsed}");
    }

    [TestMethod]
    public async Task RegistryThatHangsAfterTheUploadBody_FailsWithGOI3009AfterTheIdleTimeout()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(20_000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/blobs/uploads/").Hang());
        using var client = Client(registry, Fast with { IdleTimeout = TimeSpan.FromSeconds(1), MaxRetries = 0 });
        var clock = Stopwatch.StartNew();

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual("GOI3009", error.Diagnostic.Code);
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(3), $"gave up only after {clock.Elapsed}");
    }

    [TestMethod]
    public async Task CancelingAPushWhileAnUploadHangs_StopsWithin5SecondsDeletesTheSessionsAndWritesNoTag()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        var hang = registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/blobs/uploads/").Hang());
        using var client = Client(registry, Fast with { IdleTimeout = TimeSpan.FromSeconds(30) });
        using var cancel = new CancellationTokenSource();
        cancel.CancelAfter(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        // Act
        await Assert.ThrowsAsync<OperationCanceledException>(() => PushAsync(client, image, Tags, cancellationToken: cancel.Token));

        // Assert
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopped only after {clock.Elapsed}");
        Assert.IsTrue(hang.Hits > 0, "an upload was in progress");
        Assert.AreEqual(0, registry.OpenUploadSessions, Log(registry));
        Assert.IsTrue(Count(registry, "DELETE", "/blobs/uploads/") >= hang.Hits, Log(registry));
        Assert.AreEqual(0, registry.Tags(Repository).Count);
        Assert.AreEqual(0, Count(registry, "PUT", "/manifests/"));
    }

    [TestMethod]
    public async Task HungTokenService_FailsWithGOI3009AfterTheIdleTimeout()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer });
        registry.Faults.Add(FaultRule.ForAnyMethod().PathContains("/token").Hang());
        using var client = Client(registry, Fast with { IdleTimeout = TimeSpan.FromSeconds(1), MaxRetries = 0 });
        var clock = Stopwatch.StartNew();

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual("GOI3009", error.Diagnostic.Code);
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(3), $"gave up only after {clock.Elapsed}");
    }

    [TestMethod]
    public async Task CancelingWhileWaitingOutARetryAfter_StopsPromptly()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("HEAD").Respond(429, "TOOMANYREQUESTS", retryAfter: "60"));
        using var client = Client(registry, Fast with { MaxRetryAfter = TimeSpan.FromSeconds(60) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        // Act
        await Assert.ThrowsAsync<OperationCanceledException>(
            () => client.PushBlobAsync(Repository, LayerOf(bytes), () => new MemoryStream(bytes), null, null, cancel.Token));

        // Assert
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(2), $"stopped only after {clock.Elapsed}");
        Assert.AreEqual(1, Count(registry, "HEAD", "/blobs/"));
    }

    [TestMethod]
    public async Task CancelingAPushWhileTheRegistryHangsEverything_StillStopsWithin5Seconds()
    {
        // Arrange: the DELETE that abandons each session hangs too, so only its own time limit ends it.
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForAnyMethod().PathContains("/blobs/uploads/").StartingAt(2).Hang());
        using var client = Client(registry, Fast with { IdleTimeout = TimeSpan.FromSeconds(30) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        // Act
        await Assert.ThrowsAsync<OperationCanceledException>(() => PushAsync(client, image, Tags, cancellationToken: cancel.Token));

        // Assert
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopped only after {clock.Elapsed}");
        Assert.AreEqual(0, registry.Tags(Repository).Count);
    }

    [TestMethod]
    public async Task CancelingAChunkedUploadWhileAChunkHangs_DeletesTheSession()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(64 << 10);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("PATCH").Nth(2).Hang());
        using var client = Client(registry, Fast with { ChunkedUploads = true, ChunkSize = 16 << 10, IdleTimeout = TimeSpan.FromSeconds(30) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        // Act
        await Assert.ThrowsAsync<OperationCanceledException>(
            () => client.PushBlobAsync(Repository, LayerOf(bytes), () => new MemoryStream(bytes), null, null, cancel.Token));

        // Assert
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopped only after {clock.Elapsed}");
        Assert.AreEqual(0, registry.OpenUploadSessions, Log(registry));
        Assert.AreEqual(1, Count(registry, "DELETE", "/blobs/uploads/"));
    }

    // The platforms' manifests go to the registry together; a refused one is not sent again, and nothing after it is.
    private static void AssertEachManifestPutOnce(FakeRegistry registry, TestLayout image)
    {
        var puts = registry.Requests.Where(r => r.Method == "PUT" && r.Path.Contains("/manifests/", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(puts.Count, puts.Select(r => r.Path).Distinct().Count(), Log(registry));
        Assert.IsTrue(puts.Count <= image.Manifests.Count, Log(registry));
        Assert.IsTrue(puts.All(r => image.Manifests.Any(m => r.Path.EndsWith(m.Descriptor.Digest.ToString(), StringComparison.Ordinal))), Log(registry));
    }
}
