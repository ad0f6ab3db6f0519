using System.Collections.Concurrent;
using System.Text;
using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Registry;
using static GoImage.Core.Tests.Registry.RegistryTestKit;

namespace GoImage.Core.Tests.Registry;

/// <summary>
/// Basic and Bearer authentication against the fake registry (reliability.md case 16), with credentials found by a
/// <see cref="CredentialStore"/> in a fake environment or a temporary Docker config, and secrets kept out of messages.
/// </summary>
[TestClass]
public sealed class RegistryAuthenticationTests
{
    private const string User = "ci-bot";
    private static readonly string[] Tags = ["1.0", "latest"];

    // Basic.

    [TestMethod]
    public async Task BasicAuth_WithTheRightPasswordFromTheEnvironment_PushesAnImageWithParallelUploads()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Basic, Username = User, Password = "right" });
        using var client = Client(registry, Fast with { Parallelism = 8 }, EnvironmentCredentials(User, "right"));

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
        Assert.IsTrue(registry.Requests.All(r => r.StatusCode != 401 || !r.HasAuthorization), "no request with credentials was refused\n" + Log(registry));
    }

    [TestMethod]
    public async Task BasicAuth_WithCredentialsFromDockerConfigAuths_PushesAnImage()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Combine("layout"));
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Basic, Username = User, Password = "from-config" });
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:from-config"));
        temp.Write("docker/config.json", $$"""{"auths":{"{{registry.Host}}":{"auth":"{{auth}}"} } }""");
        using var client = Client(registry, credentials: Credentials(new Dictionary<string, string>(), temp.Combine("docker")));

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
    }

    [TestMethod]
    public async Task BasicAuth_WithAWrongPassword_FailsWithGOI3005NamingTheCredentialSourceButNotThePassword()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        const string wrong = "wrong-password-7f3a";
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Basic, Username = User, Password = "right" });
        using var client = Client(registry, Fast with { Parallelism = 1 }, EnvironmentCredentials(User, wrong));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        Assert.AreEqual("GOI3005", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "GOIMAGE_PUSH_REGISTRY_USERNAME");
        Assert.IsFalse(error.ToString().Contains(wrong, StringComparison.Ordinal), error.ToString());
        Assert.AreEqual(2, registry.Requests.Count(r => r.Path != "/v2/"), "one challenge, one try with the credentials (besides the plain-HTTP ping)\n" + Log(registry));
    }

    [TestMethod]
    public async Task BasicAuth_WithoutCredentials_FailsWithGOI3005SayingNoneWereFound()
    {
        // Arrange
        var bytes = new byte[100];
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Basic, Username = User, Password = "right" });
        using var client = Client(registry);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual("GOI3005", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "no credentials");
        Assert.AreEqual(1, registry.Requests.Count(r => r.Path != "/v2/"), "besides the plain-HTTP ping\n" + Log(registry));
    }

    // Bearer.

    [TestMethod]
    public async Task BearerAuth_WithCredentialsFromTheEnvironment_FetchesATokenWithThemAndPushes()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer, Username = User, Password = "right" });
        using var client = Client(registry, credentials: EnvironmentCredentials(User, "right"));

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
        Assert.IsTrue(registry.TokenRequests.Count > 0);
        Assert.IsTrue(registry.TokenRequests.All(t => t.Method == "GET" && t.HadBasicCredentials && t.Granted && t.Service == FakeRegistryOptions.ServiceName));
        Assert.IsTrue(registry.TokenRequests.Any(t => t.Scope.Contains($"repository:{Repository}:pull,push", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task BearerAuth_TokenRefusedAfterSomeRequests_CostsExactlyOneMoreTokenFetch()
    {
        // Arrange: three manifest PUTs in one scope; the token stops working after two.
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer, ExpireTokensAfterRequests = 2 });
        foreach (var (digest, bytes) in image.Blobs)
        {
            registry.PutBlob(Repository, digest.ToString(), bytes);
        }

        using var client = Client(registry);

        // Act
        foreach (var manifest in image.Manifests.Append(image.Index))
        {
            await client.PutManifestAsync(Repository, manifest.Descriptor.Digest.ToString(), manifest, CancellationToken.None);
        }

        // Assert
        Assert.AreEqual(2, registry.TokenRequests.Count, "one token, and one more when it expired");
        Assert.AreEqual(2, client.TokensFetched);
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, image.IndexDigest.ToString()));
    }

    [TestMethod]
    public async Task BearerAuth_TokenExpiringMidPush_ReauthenticatesAndPushes()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer, ExpireTokensAfterRequests = 3 });
        using var client = Client(registry, Fast with { Parallelism = 1 });

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
        var refused = registry.Requests.Count(r => r.StatusCode == 401 && r.HasAuthorization);
        Assert.IsTrue(refused > 0, "the token did expire during the push");
        Assert.AreEqual(client.TokensFetched, registry.TokenRequests.Count);
        Assert.IsTrue(registry.TokenRequests.Count <= refused + 2, $"{registry.TokenRequests.Count} tokens for {refused} expiries: one per expiry, plus one per scope");
    }

    [TestMethod]
    public async Task BearerAuth_TokenExpiringMidChunkedUpload_ReauthenticatesAndCompletesTheBlob()
    {
        // Arrange
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(64 << 10);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer, ExpireTokensAfterRequests = 3 });
        using var client = Client(registry, Fast with { ChunkedUploads = true, ChunkSize = 8 << 10 });

        // Act
        await PushBlobAsync(client, blob, bytes);

        // Assert
        CollectionAssert.AreEqual(bytes, registry.GetBlob(Repository, blob.Digest.ToString()));
        var refused = registry.Requests.Count(r => r.StatusCode == 401 && r.HasAuthorization);
        Assert.IsTrue(refused >= 2, "the token expired during the chunks\n" + Log(registry));
        Assert.AreEqual(refused + 2, registry.TokenRequests.Count, "one token per scope (pull for HEAD, push for the upload), one per expiry");
    }

    [TestMethod]
    public async Task BasicAuth_WithAbsoluteUploadLocationsOnTheRegistryHost_SendsTheCredentialsThere()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions
        {
            Auth = FakeAuthMode.Basic,
            Username = User,
            Password = "right",
            AbsoluteLocations = true,
        });
        using var client = Client(registry, Fast with { ChunkedUploads = true, ChunkSize = 16 << 10 }, EnvironmentCredentials(User, "right"));

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
        Assert.IsTrue(registry.Requests.Where(r => r.Method is "PATCH" or "PUT").All(r => r.AuthorizationScheme == "Basic"), Log(registry));
    }

    [TestMethod]
    public async Task BearerAuth_MountFromAnotherRepository_AsksForPullOnTheSourceAndMounts()
    {
        // Arrange
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(20_000);
        var blob = LayerOf(bytes);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer });
        registry.PutBlob("goimage/base", bytes);
        using var client = Client(registry);

        // Act
        var outcome = await PushBlobAsync(client, blob, bytes, mountFrom: "goimage/base");

        // Assert
        Assert.AreEqual(BlobPushOutcome.Mounted, outcome);
        Assert.IsTrue(
            registry.TokenRequests.Any(t => t.Scope.Contains($"repository:{Repository}:pull,push", StringComparison.Ordinal) && t.Scope.Contains("repository:goimage/base:pull", StringComparison.Ordinal)),
            string.Join(Environment.NewLine, registry.TokenRequests));
    }

    [TestMethod]
    public async Task BearerAuth_WhenEveryTokenIsRefused_FailsWithGOI3005WithoutLooping()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer, RejectAllTokens = true });
        using var client = Client(registry, Fast with { Parallelism = 1 });

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        Assert.AreEqual("GOI3005", error.Diagnostic.Code);
        Assert.IsTrue(registry.TokenRequests.Count <= 2, $"{registry.TokenRequests.Count} token requests");
        Assert.IsTrue(registry.Requests.Count(r => r.Path.StartsWith("/v2/", StringComparison.Ordinal) && r.Path != "/v2/") <= 2, Log(registry));
    }

    [TestMethod]
    public async Task BearerAuth_WhenTheTokenServiceRefusesTheCredentials_FailsWithGOI3005NamingTheSource()
    {
        // Arrange
        var bytes = new byte[100];
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer, Username = User, Password = "right" });
        using var client = Client(registry, credentials: EnvironmentCredentials(User, "wrong-one"));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushBlobAsync(client, LayerOf(bytes), bytes));

        // Assert
        Assert.AreEqual("GOI3005", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "GOIMAGE_PUSH_REGISTRY_PASSWORD");
        Assert.AreEqual(1, registry.TokenRequests.Count);
    }

    [TestMethod]
    public async Task BearerAuth_WithAnIdentityTokenInDockerConfig_ExchangesItByPostingToTheTokenEndpoint()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Combine("layout"));
        const string identityToken = "identity-token-9c1e";
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer, Username = User, Password = "unused", IdentityToken = identityToken });
        temp.Write("docker/config.json", $$"""{"auths":{"{{registry.Host}}":{"identitytoken":"{{identityToken}}"} } }""");
        using var client = Client(registry, credentials: Credentials(new Dictionary<string, string>(), temp.Combine("docker")));

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
        Assert.IsTrue(registry.TokenRequests.Count > 0);
        Assert.IsTrue(
            registry.TokenRequests.All(t => t.Method == "POST" && t.GrantType == "refresh_token" && !t.HadBasicCredentials && t.Granted),
            string.Join(Environment.NewLine, registry.TokenRequests));
    }

    [TestMethod]
    public async Task EnvironmentCredentials_TakePrecedenceOverDockerConfig()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Combine("layout"));
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Basic, Username = User, Password = "from-env" });
        var stale = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:stale"));
        temp.Write("docker/config.json", $$"""{"auths":{"{{registry.Host}}":{"auth":"{{stale}}"} } }""");
        var environment = new Dictionary<string, string> { ["GOIMAGE_PUSH_REGISTRY_USERNAME"] = User, ["GOIMAGE_PUSH_REGISTRY_PASSWORD"] = "from-env" };
        using var client = Client(registry, credentials: Credentials(environment, temp.Combine("docker")));

        // Act
        await PushAsync(client, image, Tags);

        // Assert
        CollectionAssert.AreEqual(image.Index.Content, registry.GetManifest(Repository, "latest"));
    }

    // Secrets.

    [TestMethod]
    [DataRow(FakeAuthMode.Basic, DisplayName = "Basic, wrong password")]
    [DataRow(FakeAuthMode.Bearer, DisplayName = "Bearer, token service refuses the password")]
    public async Task PushWithAWrongPassword_NeverShowsThePasswordInTheError(FakeAuthMode mode)
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        var sentinel = "sentinel-" + Guid.NewGuid().ToString("N");
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = mode, Username = User, Password = "right" });
        var warnings = new ConcurrentQueue<Diagnostic>();
        using var client = Client(registry, credentials: EnvironmentCredentials(User, sentinel), warnings: warnings);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        Assert.AreEqual("GOI3005", error.Diagnostic.Code);
        AssertNoSecret(sentinel, warnings.Select(w => w.ToString()).Append(error.ToString()));
    }

    [TestMethod]
    [DataRow(FakeAuthMode.Basic)]
    [DataRow(FakeAuthMode.Bearer)]
    public async Task PushDeniedWithTheRightPassword_NeverShowsThePasswordInTheErrorOrTheWarnings(FakeAuthMode mode)
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        var sentinel = "sentinel-" + Guid.NewGuid().ToString("N");
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = mode, Username = User, Password = sentinel });
        registry.Faults.Add(FaultRule.ForAnyMethod().AddResponseHeader("Warning", "299 - \"this registry is going away\""));
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/manifests/").AfterAuthentication().Respond(403, "DENIED"));
        var warnings = new ConcurrentQueue<Diagnostic>();
        using var client = Client(registry, credentials: EnvironmentCredentials(User, sentinel), warnings: warnings);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        Assert.AreEqual("GOI3006", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "GOIMAGE_PUSH_REGISTRY_USERNAME", "the message names where the credentials came from");
        Assert.IsFalse(warnings.IsEmpty, "the registry's warnings were reported");
        AssertNoSecret(sentinel, warnings.Select(w => w.ToString()).Append(error.ToString()));
    }

    [TestMethod]
    public async Task PushThatExhaustsItsRetries_NeverShowsThePasswordInTheError()
    {
        // Arrange
        using var temp = new TempDirectory();
        var image = TestLayout.Write(temp.Path);
        var sentinel = "sentinel-" + Guid.NewGuid().ToString("N");
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer, Username = User, Password = sentinel });
        registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/manifests/").AfterAuthentication().Respond(503));
        using var client = Client(registry, credentials: EnvironmentCredentials(User, sentinel));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => PushAsync(client, image, Tags));

        // Assert
        Assert.AreEqual("GOI3008", error.Diagnostic.Code);
        AssertNoSecret(sentinel, [error.ToString()]);
    }

    private static void AssertNoSecret(string password, IEnumerable<string> texts)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{password}"));
        foreach (var text in texts)
        {
            Assert.IsFalse(text.Contains(password, StringComparison.Ordinal), text);
            Assert.IsFalse(text.Contains(encoded, StringComparison.Ordinal), text);
        }
    }
}
