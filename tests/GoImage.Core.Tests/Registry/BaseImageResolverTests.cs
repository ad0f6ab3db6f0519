using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Registry;

namespace GoImage.Core.Tests.Registry;

/// <summary>Resolving a base image against the fake registry: the lock file, the cache, offline builds and every way a pull must fail.</summary>
[TestClass]
public sealed class BaseImageResolverTests
{
    private const string Repo = "base/testos";
    private const string Tag = "3.20";

    private static readonly ImagePlatform Amd64 = BaseImageBuilder.Amd64;
    private static readonly ImagePlatform Arm64 = BaseImageBuilder.Arm64;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationTokenSource.Token;

    [TestMethod]
    public async Task ResolveByTag_WritesTheLock_AndCachesEveryManifestConfigAndLayer()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder().Build();
        image.Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        using var resolver = new BaseImageResolver(cache, () => PullClients.For(registry));
        var request = Request(registry.Host, Tag, temp, Amd64, Arm64);

        // Act
        var resolved = await resolver.ResolveAsync(request, Token);

        // Assert
        Assert.AreEqual(image.RootDigest, resolved.Digest);
        Assert.AreEqual($"{registry.Host}/{Repo}:{Tag}@{image.RootDigest}", resolved.Reference.ToString());
        Assert.IsTrue(resolved.LockWritten);
        Assert.IsGreaterThan(0, resolved.Downloaded);
        Assert.AreEqual(new BaseImageLock($"{registry.Host}/{Repo}:{Tag}", image.RootDigest), BaseImageLockFile.Read(request.LockFilePath));
        Assert.IsTrue(cache.Contains(image.RootDigest), "the index");
        foreach (var blob in image.ChildManifests.Concat(image.Blobs).Where(b => b.MediaType != "application/vnd.in-toto+json"))
        {
            Assert.IsTrue(cache.Contains(blob.Digest), $"{blob.MediaType} {blob.Digest}");
            CollectionAssert.AreEqual(blob.Bytes, await File.ReadAllBytesAsync(cache.PathOf(blob.Digest), Token));
        }

        Assert.HasCount(2, resolved.Platforms);
        foreach (var part in resolved.Platforms)
        {
            var seeded = image[part.Platform];
            Assert.AreEqual(seeded.ManifestDigest, part.ManifestDigest);
            CollectionAssert.AreEqual(seeded.Layers.Select(l => l.Digest).ToArray(), part.Layers.Select(l => l.Digest).ToArray());
            CollectionAssert.AreEqual(seeded.Layers.Select(l => l.DiffId!.Value).ToArray(), part.Layers.Select(l => l.DiffId).ToArray());
            CollectionAssert.AreEqual(seeded.Layers.Select(l => (long)l.Bytes.Length).ToArray(), part.Layers.Select(l => l.Size).ToArray());
            Assert.IsTrue(part.Layers.All(l => l.BlobPath == cache.PathOf(l.Digest) && l.MediaType == MediaTypes.LayerGzip));
            CollectionAssert.AreEqual(part.Layers.Select(l => l.DiffId).ToArray(), part.Config.DiffIds.ToArray());
            Assert.AreEqual(part.Platform.Architecture, part.Config.Platform.Architecture);
        }

        AssertNoTemporaryFiles(cache);
    }

    [TestMethod]
    public async Task SecondResolve_WithTheRegistryStopped_WorksOfflineFromTheCache()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        BaseImageRequest request;
        BaseImage first;
        await using (var registry = await FakeRegistry.StartAsync())
        {
            new BaseImageBuilder().Build().Seed(registry, Repo, Tag);
            request = Request(registry.Host, Tag, temp, Amd64, Arm64);
            using var online = new BaseImageResolver(cache, () => PullClients.For(registry));
            first = await online.ResolveAsync(request, Token);
        }

        using var offline = new BaseImageResolver(cache, NoNetwork);

        // Act
        var second = await offline.ResolveAsync(request, Token);

        // Assert
        Assert.AreEqual(first.Digest, second.Digest);
        Assert.IsFalse(second.LockWritten);
        Assert.AreEqual(0, second.Downloaded);
        CollectionAssert.AreEqual(
            first.Platforms.SelectMany(p => p.Layers).ToArray(),
            second.Platforms.SelectMany(p => p.Layers).ToArray());
        Assert.AreEqual(first.Platforms[1].Config.DiffIds.Count, second.Platforms[1].Config.DiffIds.Count);
    }

    [TestMethod]
    public async Task MovedTag_ChangesNothing_UntilRefresh_WhichUpdatesTheLock()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var before = new BaseImageBuilder().Build();
        var after = new BaseImageBuilder { Marker = "2" }.Build();
        before.Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        var request = Request(registry.Host, Tag, temp, Amd64, Arm64);
        using (var first = new BaseImageResolver(cache, () => PullClients.For(registry)))
        {
            await first.ResolveAsync(request, Token);
        }

        after.Seed(registry, Repo, Tag);
        registry.ClearRecords();

        // Act
        BaseImage locked;
        using (var resolver = new BaseImageResolver(cache, () => PullClients.For(registry)))
        {
            locked = await resolver.ResolveAsync(request, Token);
        }

        var requestsWhileLocked = registry.Requests.Count;
        BaseImage refreshed;
        using (var resolver = new BaseImageResolver(cache, () => PullClients.For(registry)))
        {
            refreshed = await resolver.ResolveAsync(request with { Refresh = true }, Token);
        }

        // Assert
        Assert.AreEqual(before.RootDigest, locked.Digest);
        Assert.IsFalse(locked.LockWritten);
        Assert.AreEqual(0, requestsWhileLocked, "a locked tag is not even looked up");
        Assert.AreEqual(after.RootDigest, refreshed.Digest);
        Assert.IsTrue(refreshed.LockWritten);
        Assert.AreEqual(after.RootDigest, BaseImageLockFile.Read(request.LockFilePath)!.Digest);
        Assert.AreEqual(after[Arm64].Layers[1].Digest, refreshed.Platforms[1].Layers[1].Digest);
    }

    [TestMethod]
    public async Task LockedMode_WithoutALockFile_FailsWithGOI3020_WithoutNetworkOrLock()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), NoNetwork);
        var request = Request("registry.example.com", Tag, temp, Amd64) with { LockedMode = true };

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request, Token));

        // Assert
        Assert.AreEqual("GOI3020", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, request.LockFilePath);
        Assert.IsFalse(File.Exists(request.LockFilePath));
    }

    [TestMethod]
    public async Task LockedMode_WithALockForAnotherReference_FailsWithGOI3021_AndKeepsTheLock()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), NoNetwork);
        var request = Request("registry.example.com", Tag, temp, Amd64) with { LockedMode = true };
        var other = new BaseImageLock($"registry.example.com/{Repo}:3.19", Digest.Of("other"u8));
        BaseImageLockFile.Write(request.LockFilePath, other);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request, Token));

        // Assert
        Assert.AreEqual("GOI3021", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, $"registry.example.com/{Repo}:3.19");
        StringAssert.Contains(error.Diagnostic.Message, $"registry.example.com/{Repo}:{Tag}");
        Assert.AreEqual(other, BaseImageLockFile.Read(request.LockFilePath));
    }

    [TestMethod]
    public async Task LockedMode_WithTheMatchingLock_UsesItWithoutWritingIt()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder().Build();
        image.Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        var request = Request(registry.Host, Tag, temp, Amd64);
        using (var first = new BaseImageResolver(cache, () => PullClients.For(registry)))
        {
            await first.ResolveAsync(request, Token);
        }

        var written = File.GetLastWriteTimeUtc(request.LockFilePath);
        using var resolver = new BaseImageResolver(cache, NoNetwork);

        // Act
        var resolved = await resolver.ResolveAsync(request with { LockedMode = true }, Token);

        // Assert
        Assert.AreEqual(image.RootDigest, resolved.Digest);
        Assert.IsFalse(resolved.LockWritten);
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(request.LockFilePath));
    }

    [TestMethod]
    public async Task RefreshInLockedMode_FailsWithGOI3024_BeforeAnythingElse()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), NoNetwork);
        var request = Request("registry.example.com", Tag, temp, Amd64) with { LockedMode = true, Refresh = true };
        File.WriteAllText(request.LockFilePath, "not even JSON");

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request, Token));

        // Assert
        Assert.AreEqual("GOI3024", error.Diagnostic.Code);
        Assert.AreEqual("not even JSON", File.ReadAllText(request.LockFilePath));
    }

    [TestMethod]
    public async Task MalformedLockFile_FailsWithGOI3022()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), NoNetwork);
        var request = Request("registry.example.com", Tag, temp, Amd64);
        File.WriteAllText(request.LockFilePath, "{\"version\":1,");

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request, Token));

        // Assert
        Assert.AreEqual("GOI3022", error.Diagnostic.Code);
    }

    [TestMethod]
    public async Task ReferenceWithADigest_LoadsThatDigest_WithoutLookingUpATag()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder().Build();
        image.Seed(registry, Repo, tag: null);
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), () => PullClients.For(registry));
        var request = Request(registry.Host, "@" + image.RootDigest, temp, Amd64, Arm64);

        // Act
        var resolved = await resolver.ResolveAsync(request, Token);

        // Assert
        Assert.AreEqual(image.RootDigest, resolved.Digest);
        Assert.IsNull(resolved.Reference.Tag);
        var manifestRequests = registry.Requests.Where(r => r.Path.Contains("/manifests/", StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(manifestRequests);
        Assert.IsTrue(manifestRequests.All(r => r.Path.Contains("/manifests/sha256:", StringComparison.Ordinal)), string.Join(", ", manifestRequests));
        Assert.AreEqual(new BaseImageLock($"{registry.Host}/{Repo}@{image.RootDigest}", image.RootDigest), BaseImageLockFile.Read(request.LockFilePath));
    }

    [TestMethod]
    public async Task ReferenceWithTagAndDigest_UsesTheDigest_EvenWhenTheTagMoved()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var pinned = new BaseImageBuilder().Build();
        pinned.Seed(registry, Repo, Tag);
        new BaseImageBuilder { Marker = "moved" }.Build().Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), () => PullClients.For(registry));

        // Act
        var resolved = await resolver.ResolveAsync(Request(registry.Host, $"{Tag}@{pinned.RootDigest}", temp, Arm64), Token);

        // Assert
        Assert.AreEqual(pinned.RootDigest, resolved.Digest);
        Assert.AreEqual(pinned[Arm64].ManifestDigest, resolved.Platforms[0].ManifestDigest);
    }

    [TestMethod]
    public async Task PlatformMissing_FailsWithGOI3013_NamingItAndTheAvailableOnes_AndWritesNoLock()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        new BaseImageBuilder { Attestation = true }.Build().Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), () => PullClients.For(registry));
        var request = Request(registry.Host, Tag, temp, Amd64, new ImagePlatform("linux", "s390x", null));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request, Token));

        // Assert
        Assert.AreEqual("GOI3013", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "has no image for linux/s390x");
        StringAssert.Contains(error.Diagnostic.Message, "linux/amd64, linux/arm64/v8");
        Assert.DoesNotContain("unknown", error.Diagnostic.Message, "attestation entries are not platforms to offer");
        Assert.IsFalse(File.Exists(request.LockFilePath), "never a lock to a base that cannot be used");
    }

    [TestMethod]
    public async Task FailedRefresh_KeepsTheOldLock()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var before = new BaseImageBuilder().Build();
        before.Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        var request = Request(registry.Host, Tag, temp, Amd64, Arm64);
        using (var first = new BaseImageResolver(cache, () => PullClients.For(registry)))
        {
            await first.ResolveAsync(request, Token);
        }

        new BaseImageBuilder { Marker = "2", Platforms = [Amd64] }.Build().Seed(registry, Repo, Tag);
        using var resolver = new BaseImageResolver(cache, () => PullClients.For(registry));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request with { Refresh = true }, Token));

        // Assert
        Assert.AreEqual("GOI3013", error.Diagnostic.Code);
        Assert.AreEqual(before.RootDigest, BaseImageLockFile.Read(request.LockFilePath)!.Digest);
    }

    [TestMethod]
    public async Task RequestWithoutVariant_TakesTheArchitecturesDefaultVariant()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder().Build();
        image.Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), () => PullClients.For(registry));
        var plainArm64 = new ImagePlatform("linux", "arm64", null);

        // Act
        var resolved = await resolver.ResolveAsync(Request(registry.Host, Tag, temp, plainArm64), Token);

        // Assert
        Assert.AreEqual(plainArm64, resolved.Platforms[0].Platform, "the part is keyed by the platform asked for");
        Assert.AreEqual(image[Arm64].ManifestDigest, resolved.Platforms[0].ManifestDigest);
    }

    [TestMethod]
    public async Task RequestWithDefaultVariant_MatchesAnIndexEntryWithoutVariant()
    {
        // Arrange: many indexes list arm64 without "v8", which is what it means.
        await using var registry = await FakeRegistry.StartAsync();
        var plainArm64 = new ImagePlatform("linux", "arm64", null);
        var image = new BaseImageBuilder { Platforms = [Amd64, plainArm64] }.Build();
        image.Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), () => PullClients.For(registry));

        // Act
        var resolved = await resolver.ResolveAsync(Request(registry.Host, Tag, temp, Arm64, new ImagePlatform("linux", "amd64", "v1")), Token);

        // Assert
        Assert.AreEqual(image[plainArm64].ManifestDigest, resolved.Platforms[0].ManifestDigest);
        Assert.AreEqual(image[Amd64].ManifestDigest, resolved.Platforms[1].ManifestDigest);
    }

    [TestMethod]
    public async Task RequestWithAnotherVariant_DoesNotTakeTheDefault()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        new BaseImageBuilder().Build().Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), () => PullClients.For(registry));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(
            () => resolver.ResolveAsync(Request(registry.Host, Tag, temp, new ImagePlatform("linux", "arm64", "v9")), Token));

        // Assert
        Assert.AreEqual("GOI3013", error.Diagnostic.Code);
    }

    [TestMethod]
    public async Task SingleManifestBase_ServesItsOwnPlatform()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder { SingleManifest = true, Platforms = [Arm64] }.Build();
        image.Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), () => PullClients.For(registry));

        // Act
        var resolved = await resolver.ResolveAsync(Request(registry.Host, Tag, temp, Arm64), Token);

        // Assert
        Assert.AreEqual(image.RootDigest, resolved.Digest);
        Assert.AreEqual(image.RootDigest, resolved.Platforms[0].ManifestDigest);
        Assert.HasCount(2, resolved.Platforms[0].Layers);
    }

    [TestMethod]
    public async Task SingleManifestBase_ForAnotherPlatform_FailsWithGOI3013_AndWritesNoLock()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        new BaseImageBuilder { SingleManifest = true, Platforms = [Arm64] }.Build().Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), () => PullClients.For(registry));
        var request = Request(registry.Host, Tag, temp, Amd64);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request, Token));

        // Assert
        Assert.AreEqual("GOI3013", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "linux/amd64");
        StringAssert.Contains(error.Diagnostic.Message, "linux/arm64");
        Assert.IsFalse(File.Exists(request.LockFilePath));
    }

    [TestMethod]
    public async Task DockerManifestList_IsRead_AndItsLayersGetTheOciGzipMediaType()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder { Docker = true }.Build();
        image.Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), () => PullClients.For(registry));

        // Act
        var resolved = await resolver.ResolveAsync(Request(registry.Host, Tag, temp, Amd64, Arm64), Token);

        // Assert
        Assert.AreEqual(DockerMediaTypes.ManifestList, image.Root.MediaType);
        Assert.AreEqual(image.RootDigest, resolved.Digest);
        foreach (var part in resolved.Platforms)
        {
            Assert.AreEqual(image[part.Platform].ManifestDigest, part.ManifestDigest);
            Assert.IsTrue(part.Layers.All(l => l.MediaType == MediaTypes.LayerGzip), string.Join(", ", part.Layers.Select(l => l.MediaType)));
            Assert.IsTrue(part.Layers.All(l => l.Descriptor.MediaType == MediaTypes.LayerGzip));
            Assert.Contains("SHARED=base", part.Config.Environment);
        }
    }

    [TestMethod]
    [DataRow(DockerMediaTypes.ForeignLayerGzip)]
    [DataRow("application/vnd.example.unknown.layer")]
    public async Task ForeignOrUnknownLayerType_FailsWithGOI3037_WithoutDownloadingIt(string mediaType)
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder { Docker = true, SecondLayerMediaType = mediaType }.Build();
        image.Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        using var resolver = new BaseImageResolver(cache, () => PullClients.For(registry));
        var request = Request(registry.Host, Tag, temp, Amd64);
        var foreign = image[Amd64].Layers[1].Digest;

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request, Token));

        // Assert
        Assert.AreEqual("GOI3037", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, mediaType);
        Assert.IsFalse(cache.Contains(foreign));
        Assert.IsFalse(registry.Requests.Any(r => r.Path.EndsWith(foreign.ToString(), StringComparison.Ordinal)));
        Assert.IsFalse(File.Exists(request.LockFilePath));
    }

    [TestMethod]
    [DataRow("same size", DisplayName = "a tampered layer of the right size")]
    [DataRow("longer", DisplayName = "a tampered layer with extra bytes")]
    [DataRow("shorter", DisplayName = "a truncated layer")]
    public async Task TamperedLayer_FailsWithGOI3012_AndNothingIsCachedForIt(string tampering)
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder().Build();
        image.Seed(registry, Repo, Tag);
        var layer = image[Arm64].Layers[1];
        var bytes = layer.Bytes.ToArray();
        bytes = tampering switch
        {
            "same size" => Flip(bytes),
            "longer" => [.. bytes, .. "trailing"u8],
            _ => bytes[..^5],
        };
        registry.PutBlob(Repo, layer.Digest.ToString(), bytes);
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        using var resolver = new BaseImageResolver(cache, () => PullClients.For(registry));
        var request = Request(registry.Host, Tag, temp, Amd64, Arm64);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request, Token));

        // Assert
        Assert.AreEqual("GOI3012", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, layer.Digest.ToString());
        Assert.IsFalse(cache.Contains(layer.Digest));
        Assert.IsEmpty(CachedFiles(cache).Where(f => f.Contains(layer.Digest.Hex, StringComparison.Ordinal)));
        AssertNoTemporaryFiles(cache);
        Assert.IsFalse(File.Exists(request.LockFilePath));
    }

    [TestMethod]
    public async Task TamperedConfig_FailsWithGOI3012_AndIsNotCached()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder().Build();
        image.Seed(registry, Repo, Tag);
        var config = image[Amd64].Config;
        registry.PutBlob(Repo, config.Digest.ToString(), Flip(config.Bytes.ToArray()));
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        using var resolver = new BaseImageResolver(cache, () => PullClients.For(registry));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(Request(registry.Host, Tag, temp, Amd64), Token));

        // Assert
        Assert.AreEqual("GOI3012", error.Diagnostic.Code);
        Assert.IsFalse(cache.Contains(config.Digest));
        AssertNoTemporaryFiles(cache);
    }

    [TestMethod]
    public async Task ManifestLargerThanMaxManifestBytes_FailsWithGOI3011_AndNothingIsCached()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder().Build();
        image.Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        using var resolver = new BaseImageResolver(cache, () => PullClients.For(registry, maxManifestBytes: image.Root.Bytes.Length - 1));
        var request = Request(registry.Host, Tag, temp, Amd64);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request, Token));

        // Assert
        Assert.AreEqual("GOI3011", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, (image.Root.Bytes.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsEmpty(CachedFiles(cache));
        Assert.IsFalse(File.Exists(request.LockFilePath));
    }

    [TestMethod]
    public async Task ChildManifestWhoseBytesDoNotMatchItsDigest_FailsWithGOI3012_AndIsNotCached()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder().Build();
        image.Seed(registry, Repo, Tag);
        var child = image[Arm64].Manifest;
        registry.PutManifest(Repo, child.Digest.ToString(), child.MediaType, image[Amd64].Manifest.Bytes);
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        using var resolver = new BaseImageResolver(cache, () => PullClients.For(registry));
        var request = Request(registry.Host, Tag, temp, Arm64);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request, Token));

        // Assert
        Assert.AreEqual("GOI3012", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, child.Digest.ToString());
        Assert.IsFalse(cache.Contains(child.Digest));
        Assert.IsFalse(cache.Contains(image[Amd64].ManifestDigest), "the substituted bytes are not cached under their own digest either");
        Assert.IsFalse(File.Exists(request.LockFilePath));
    }

    [TestMethod]
    public async Task PinnedRootWhoseBytesDoNotMatchItsDigest_FailsWithGOI3012()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder().Build();
        var impostor = new BaseImageBuilder { Marker = "impostor" }.Build();
        impostor.Seed(registry, Repo, tag: null);
        registry.PutManifest(Repo, image.RootDigest.ToString(), image.Root.MediaType, impostor.Root.Bytes);
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        using var resolver = new BaseImageResolver(cache, () => PullClients.For(registry));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(
            () => resolver.ResolveAsync(Request(registry.Host, "@" + image.RootDigest, temp, Amd64), Token));

        // Assert
        Assert.AreEqual("GOI3012", error.Diagnostic.Code);
        Assert.IsEmpty(CachedFiles(cache));
    }

    [TestMethod]
    public async Task CacheMissingABlob_WithTheRegistryUnreachable_FailsWithGOI3023()
    {
        // Arrange
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        BaseImageRequest request;
        SeededBaseImage image;
        string host;
        await using (var registry = await FakeRegistry.StartAsync())
        {
            host = registry.Host;
            image = new BaseImageBuilder().Build();
            image.Seed(registry, Repo, Tag);
            request = Request(host, Tag, temp, Amd64, Arm64);
            using var online = new BaseImageResolver(cache, () => PullClients.For(registry));
            await online.ResolveAsync(request, Token);
        }

        File.Delete(cache.PathOf(image[Arm64].Layers[1].Digest));
        using var resolver = new BaseImageResolver(cache, () => PullClients.For(host));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request, Token));

        // Assert
        Assert.AreEqual("GOI3023", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, image.RootDigest.ToString());
        StringAssert.Contains(error.Diagnostic.Message, cache.Directory);
        StringAssert.Contains(error.Diagnostic.Message, $"The registry {host} could not be reached");
        Assert.AreEqual(image.RootDigest, BaseImageLockFile.Read(request.LockFilePath)!.Digest);
    }

    [TestMethod]
    public async Task FirstResolve_WithTheRegistryUnreachable_FailsWithGOI3002_AndWritesNoLock()
    {
        // Arrange
        string host;
        await using (var stopped = await FakeRegistry.StartAsync())
        {
            host = stopped.Host;
        }

        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), () => PullClients.For(host));
        var request = Request(host, Tag, temp, Amd64);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(request, Token));

        // Assert
        Assert.AreEqual("GOI3002", error.Diagnostic.Code);
        Assert.IsFalse(File.Exists(request.LockFilePath));
    }

    [TestMethod]
    public async Task UnknownTag_FailsWithGOI3014()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        new BaseImageBuilder().Build().Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), () => PullClients.For(registry));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => resolver.ResolveAsync(Request(registry.Host, "nope", temp, Amd64), Token));

        // Assert
        Assert.AreEqual("GOI3014", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "MANIFEST_UNKNOWN");
    }

    [TestMethod]
    public async Task LayersMissingFromTheCache_AreFetchedInParallel_OverOneConnection()
    {
        // Arrange: manifests and configs are cached, so the first use of the client is by the parallel layer downloads.
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder().Build();
        image.Seed(registry, Repo, Tag);
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        var request = Request(registry.Host, Tag, temp, Amd64, Arm64);
        using (var first = new BaseImageResolver(cache, () => PullClients.For(registry)))
        {
            await first.ResolveAsync(request, Token);
        }

        foreach (var layer in image.Platforms.SelectMany(p => p.Layers))
        {
            File.Delete(cache.PathOf(layer.Digest));
        }

        var connections = 0;
        using var resolver = new BaseImageResolver(cache, () =>
        {
            Interlocked.Increment(ref connections);
            Thread.Sleep(50);
            return PullClients.For(registry);
        });

        // Act
        var resolved = await resolver.ResolveAsync(request, Token);

        // Assert
        Assert.AreEqual(1, connections);
        Assert.AreEqual(3, resolved.Downloaded, "the shared layer and each platform's own");
        Assert.IsTrue(image.Platforms.SelectMany(p => p.Layers).All(l => cache.Contains(l.Digest)));
    }

    [TestMethod]
    public async Task TransientBlobFailures_AreRetried_AndTheCachedBytesAreRight()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder().Build();
        image.Seed(registry, Repo, Tag);
        var layer = image[Amd64].Layers[1];
        var fault = registry.Faults.Add(FaultRule.ForMethod("GET").PathContains(layer.Digest.ToString()).Times(2).Respond(503));
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        using var resolver = new BaseImageResolver(cache, () => PullClients.For(registry));

        // Act
        await resolver.ResolveAsync(Request(registry.Host, Tag, temp, Amd64), Token);

        // Assert
        Assert.AreEqual(2, fault.Hits);
        CollectionAssert.AreEqual(layer.Bytes, await File.ReadAllBytesAsync(cache.PathOf(layer.Digest), Token));
        AssertNoTemporaryFiles(cache);
    }

    [TestMethod]
    public async Task CanceledWhileALayerDownloads_LeavesNoPartialBlobAndNoLock()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        var image = new BaseImageBuilder().Build();
        image.Seed(registry, Repo, Tag);
        var layer = image[Arm64].Layers[1];
        var hang = registry.Faults.Add(FaultRule.ForMethod("GET").PathContains(layer.Digest.ToString()).Hang());
        using var temp = new TempDirectory();
        var cache = new BlobCache(temp.Combine("cache"));
        using var resolver = new BaseImageResolver(cache, () => PullClients.For(registry));
        var request = Request(registry.Host, Tag, temp, Amd64, Arm64);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var resolving = resolver.ResolveAsync(request, cancel.Token);
        while (hang.Matches == 0 && !resolving.IsCompleted)
        {
            await Task.Delay(10, Token);
        }

        // Act
        await cancel.CancelAsync();

        // Assert
        await Assert.ThrowsAsync<OperationCanceledException>(() => resolving);
        Assert.IsFalse(cache.Contains(layer.Digest));
        AssertNoTemporaryFiles(cache);
        Assert.IsFalse(File.Exists(request.LockFilePath));
    }

    [TestMethod]
    public async Task LoadAsync_WithoutADigest_IsRefused()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var resolver = new BaseImageResolver(new BlobCache(temp.Combine("cache")), NoNetwork);
        Assert.IsTrue(ImageReference.TryParse("registry.example.com/app:1", out var reference, out _));

        // Act & Assert
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => resolver.LoadAsync(reference, [Amd64], Token));
    }

    private static RegistryClient NoNetwork() => throw new InvalidOperationException("the registry must not be contacted");

    private static BaseImageRequest Request(string host, string tagOrDigest, TempDirectory temp, params ImagePlatform[] platforms)
    {
        var separator = tagOrDigest.StartsWith('@') ? "" : ":";
        Assert.IsTrue(ImageReference.TryParse($"{host}/{Repo}{separator}{tagOrDigest}", out var reference, out var problem), problem);
        return new BaseImageRequest(reference, platforms, temp.Combine(BaseImageLockFile.FileName));
    }

    private static byte[] Flip(byte[] bytes)
    {
        bytes[bytes.Length / 2] ^= 0xFF;
        return bytes;
    }

    private static List<string> CachedFiles(BlobCache cache) =>
        Directory.Exists(cache.Directory) ? [.. Directory.EnumerateFiles(cache.Directory, "*", SearchOption.AllDirectories)] : [];

    private static void AssertNoTemporaryFiles(BlobCache cache)
    {
        var leftovers = CachedFiles(cache).Where(f => !Digest.TryParse("sha256:" + Path.GetFileName(f), out _)).ToList();
        Assert.IsEmpty(leftovers, string.Join(", ", leftovers));
    }
}
