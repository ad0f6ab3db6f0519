using System.Collections.Concurrent;
using System.Security.Cryptography;
using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Registry;
using static GoImage.Core.Tests.Registry.RegistryTestKit;

namespace GoImage.Core.Tests.Registry;

/// <summary>What the transport does under every request (reliability.md case 18): redirects that keep credentials home, and registry warnings.</summary>
[TestClass]
public sealed class RegistryTransportTests
{
    private const string User = "ci-bot";

    [TestMethod]
    [DataRow(FakeAuthMode.Basic)]
    [DataRow(FakeAuthMode.Bearer)]
    public async Task BlobDownloadRedirectedToAnotherHost_SendsNoAuthorizationThere(FakeAuthMode mode)
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        var blob = LayerOf(bytes);
        await using var storage = await RecordingServer.StartAsync(bytes);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions
        {
            Auth = mode,
            Username = User,
            Password = "right",
            BlobRedirectBase = storage.BaseAddress,
        });
        registry.PutBlob(Repository, bytes);
        using var client = Client(registry, credentials: EnvironmentCredentials(User, "right", RegistryRole.Pull), role: RegistryRole.Pull);
        using var destination = new MemoryStream();

        // Act
        await client.DownloadBlobAsync(Repository, blob, destination, CancellationToken.None);

        // Assert
        CollectionAssert.AreEqual(bytes, destination.ToArray());
        Assert.IsTrue(registry.Requests.Any(r => r.Method == "GET" && r.StatusCode == 307 && r.HasAuthorization), Log(registry));
        Assert.AreEqual(1, storage.Requests.Count);
        Assert.IsFalse(storage.Requests[0].HasAuthorization, "the registry's credentials went to another host");
    }

    [TestMethod]
    public async Task BlobDownloadCutOffAfterItStarted_FailsWithGOI3033AndCachesNothing()
    {
        // Arrange: every attempt gets the headers and the first 4 KiB, then the connection drops.
        using var temp = new TempDirectory();
        var bytes = RandomNumberGenerator.GetBytes(64 << 10);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync();
        registry.PutBlob(Repository, bytes);
        var cut = registry.Faults.Add(FaultRule.ForMethod("GET").PathContains("/blobs/sha256:").CutOffResponseAfterBytes(4096));
        using var client = Client(registry, role: RegistryRole.Pull);
        var cache = new BlobCache(temp.Combine("blobs"));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(
            () => cache.AddAsync(blob.Digest, output => client.DownloadBlobAsync(Repository, blob, output, CancellationToken.None)));

        // Assert
        Assert.AreEqual("GOI3033", error.Diagnostic.Code, error.Message);
        StringAssert.Contains(error.Message, $"of {bytes.Length} bytes");
        Assert.IsTrue(cut.Hits >= 1, Log(registry));
        Assert.IsFalse(cache.Contains(blob.Digest), "a cut-off download was cached");
        Assert.AreEqual(0, Directory.EnumerateFiles(cache.Directory, "*", SearchOption.AllDirectories).Count(), "a partial or temporary file was left");
    }

    [TestMethod]
    public async Task RedirectToTheSameHost_KeepsTheAuthorization()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Basic, Username = User, Password = "right" });
        registry.PutBlob("goimage/elsewhere", bytes);
        registry.Faults.Add(FaultRule.ForMethod("GET").PathContains($"/{Repository}/blobs/").AfterAuthentication()
            .RedirectTo(new Uri(registry.BaseAddress, $"/v2/goimage/elsewhere/blobs/{blob.Digest}")));
        using var client = Client(registry, credentials: EnvironmentCredentials(User, "right", RegistryRole.Pull), role: RegistryRole.Pull);
        using var destination = new MemoryStream();

        // Act
        await client.DownloadBlobAsync(Repository, blob, destination, CancellationToken.None);

        // Assert
        CollectionAssert.AreEqual(bytes, destination.ToArray());
        var followed = registry.Requests.Single(r => r.Path.Contains("/goimage/elsewhere/", StringComparison.Ordinal));
        Assert.IsTrue(followed.HasAuthorization, Log(registry));
        Assert.AreEqual(200, followed.StatusCode);
    }

    [TestMethod]
    public async Task Warning299Header_BecomesAGOI3028WarningAndThePushGoesOn()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("HEAD").AddResponseHeader("Warning", "299 - \"this repository is deprecated\""));
        var warnings = new ConcurrentQueue<Diagnostic>();
        using var client = Client(registry, warnings: warnings);

        // Act
        var outcome = await PushBlobAsync(client, LayerOf(bytes), bytes);

        // Assert
        Assert.AreEqual(BlobPushOutcome.Uploaded, outcome);
        var warning = warnings.Single();
        Assert.AreEqual("GOI3028", warning.Code);
        Assert.IsTrue(warning.IsWarning);
        StringAssert.Contains(warning.Message, "warns: this repository is deprecated (", "the warn-text, without the agent and the quotes");
        StringAssert.Contains(warning.Message, registry.Host);
    }

    [TestMethod]
    public async Task Warning299OnEveryResponseOfAPush_IsReportedOnce()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForAnyMethod().AddResponseHeader("Warning", "299 - \"pushes to this registry end in June\""));
        var warnings = new ConcurrentQueue<Diagnostic>();
        using var client = Client(registry, warnings: warnings);

        // Act
        await PushAsync(client, image, ["latest"]);

        // Assert
        Assert.AreEqual(1, warnings.Count, string.Join(Environment.NewLine, warnings));
        StringAssert.Contains(warnings.Single().Message, "pushes to this registry end in June");
    }

    [TestMethod]
    public async Task WarningHeaderOtherThan299_IsNotReported()
    {
        // Arrange
        var bytes = RandomNumberGenerator.GetBytes(1000);
        await using var registry = await FakeRegistry.StartAsync();
        registry.Faults.Add(FaultRule.ForMethod("HEAD").AddResponseHeader("Warning", "199 - \"miscellaneous\""));
        var warnings = new ConcurrentQueue<Diagnostic>();
        using var client = Client(registry, warnings: warnings);

        // Act
        await PushBlobAsync(client, LayerOf(bytes), bytes);

        // Assert
        Assert.IsTrue(warnings.IsEmpty);
    }

    [TestMethod]
    public async Task FirstRequestCanceledBeforeItStarts_DoesNotBreakTheClientForTheNext()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        var digest = LayerOf([1, 2, 3]).Digest;
        await Assert.ThrowsAsync<OperationCanceledException>(() => client.BlobExistsAsync(Repository, digest, new CancellationToken(canceled: true)));

        // Act
        var exists = await client.BlobExistsAsync(Repository, digest, CancellationToken.None);

        // Assert
        Assert.IsFalse(exists);
    }

    [TestMethod]
    public async Task RegistryThatIsNotListening_FailsWithGOI3002()
    {
        // Arrange
        var registry = await FakeRegistry.StartAsync();
        var host = registry.Host;
        await registry.DisposeAsync();
        using var client = new RegistryClient(host, RegistryRole.Push, Anonymous(), Fast);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(
            () => client.BlobExistsAsync(Repository, LayerOf([1, 2, 3]).Digest, CancellationToken.None));

        // Assert
        Assert.AreEqual("GOI3002", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, host);
    }

    [TestMethod]
    public async Task LoopbackRegistryWithoutTls_IsReachedOverPlainHttp()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);

        // Act
        var exists = await client.BlobExistsAsync(Repository, LayerOf([1, 2, 3]).Digest, CancellationToken.None);

        // Assert: asked in plain HTTP first (no TLS handshake), then the question itself
        Assert.IsFalse(exists);
        Assert.AreEqual(2, registry.Requests.Count, Log(registry));
        Assert.AreEqual("GET /v2/", $"{registry.Requests[0].Method} {registry.Requests[0].Path}", Log(registry));
    }

    [TestMethod]
    public async Task RequestsThatStartTogether_ShareOneProbe()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);

        // Act: as a push's first blob checks start, on threads of their own, released together
        var digests = Enumerable.Range(0, 8).Select(i => LayerOf([(byte)i]).Digest).ToList();
        using var start = new Barrier(digests.Count);
        await Task.WhenAll(digests.Select(d => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return client.BlobExistsAsync(Repository, d, CancellationToken.None);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()));

        // Assert
        Assert.AreEqual(1, registry.Requests.Count(r => r.Path == "/v2/"), Log(registry));
        Assert.AreEqual(9, registry.Requests.Count, Log(registry));
    }
}
