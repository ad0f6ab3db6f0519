using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Images;

namespace GoImage.Core.Tests.Registry;

/// <summary>The fake registry, driven with a plain HttpClient, so it is known to be right before the client is tested against it.</summary>
[TestClass]
public sealed partial class FakeRegistryTests
{
    private const string Repo = "goimage/hello";
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";
    private const string IndexType = "application/vnd.oci.image.index.v1+json";

    [TestMethod]
    public async Task MonolithicUpload_PostThenPutWithDigest_StoresTheBlobThatHeadThenFinds()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        var blob = "hello, blob"u8.ToArray();
        var digest = FakeRegistry.DigestOf(blob);

        // Act
        using var post = await client.PostAsync($"/v2/{Repo}/blobs/uploads/", null);
        using var put = await client.PutAsync(Resolve(registry, post) + "&digest=" + digest, new ByteArrayContent(blob));
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{Repo}/blobs/{digest}"));

        // Assert
        Assert.AreEqual(HttpStatusCode.Accepted, post.StatusCode);
        Assert.IsTrue(post.Headers.Contains("Docker-Upload-UUID"));
        Assert.IsFalse(post.Headers.Location!.IsAbsoluteUri, "Locations are relative by default");
        Assert.AreEqual(HttpStatusCode.Created, put.StatusCode);
        Assert.AreEqual(digest, Header(put, "Docker-Content-Digest"));
        Assert.AreEqual(HttpStatusCode.OK, head.StatusCode);
        Assert.AreEqual(digest, Header(head, "Docker-Content-Digest"));
        Assert.AreEqual(blob.Length, head.Content.Headers.ContentLength);
        Assert.IsTrue(registry.HasBlob(Repo, digest));
        Assert.AreEqual(0, registry.OpenUploadSessions);
    }

    [TestMethod]
    public async Task BlobGet_ReturnsTheBytes_AndAnUnknownBlobIsBlobUnknown()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        var digest = registry.PutBlob(Repo, "stored"u8.ToArray());

        // Act
        using var found = await client.GetAsync($"/v2/{Repo}/blobs/{digest}");
        using var missing = await client.GetAsync($"/v2/{Repo}/blobs/{FakeRegistry.DigestOf("other"u8)}");

        // Assert
        Assert.AreEqual("stored", await found.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.AreEqual("BLOB_UNKNOWN", await ErrorCode(missing));
    }

    [TestMethod]
    public async Task ChunkedUpload_RefusesAnOutOfOrderChunkWith416_AndResumesFromTheRangeTheStatusGives()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { ChunkMinLength = 4 });
        using var client = Client(registry);
        var blob = "0123456789"u8.ToArray();

        // Act
        using var post = await client.PostAsync($"/v2/{Repo}/blobs/uploads/", null);
        using var first = await Patch(client, Resolve(registry, post), blob[..4], "0-3");
        using var outOfOrder = await Patch(client, Resolve(registry, first), blob[8..], "8-9");
        using var status = await client.GetAsync(Resolve(registry, first));
        var resumeAt = long.Parse(Header(status, "Range")!.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture) + 1;
        using var second = await Patch(client, Resolve(registry, status), blob[(int)resumeAt..8], $"{resumeAt}-7");
        using var last = await Patch(client, Resolve(registry, second), blob[8..], "8-9");
        using var put = await client.PutAsync(Resolve(registry, last) + "&digest=" + FakeRegistry.DigestOf(blob), null);

        // Assert
        Assert.AreEqual("4", Header(post, "OCI-Chunk-Min-Length"));
        Assert.AreEqual(HttpStatusCode.Accepted, first.StatusCode);
        Assert.AreEqual("0-3", Header(first, "Range"));
        Assert.AreEqual(HttpStatusCode.RequestedRangeNotSatisfiable, outOfOrder.StatusCode);
        Assert.AreEqual("BLOB_UPLOAD_INVALID", await ErrorCode(outOfOrder));
        Assert.AreEqual(HttpStatusCode.NoContent, status.StatusCode);
        Assert.AreEqual("0-3", Header(status, "Range"));
        Assert.AreEqual(4, resumeAt);
        Assert.AreEqual(HttpStatusCode.Accepted, second.StatusCode);
        Assert.AreEqual("0-7", Header(second, "Range"));
        Assert.AreEqual(HttpStatusCode.Accepted, last.StatusCode, "the last chunk may be shorter than the minimum");
        Assert.AreEqual(HttpStatusCode.Created, put.StatusCode);
        CollectionAssert.AreEqual(blob, registry.GetBlob(Repo, FakeRegistry.DigestOf(blob)));
    }

    [TestMethod]
    public async Task ChunkedUpload_RefusesAChunkAfterOneShorterThanTheMinimum()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { ChunkMinLength = 4 });
        using var client = Client(registry);

        // Act
        using var post = await client.PostAsync($"/v2/{Repo}/blobs/uploads/", null);
        using var shortChunk = await Patch(client, Resolve(registry, post), "01"u8.ToArray(), "0-1");
        using var next = await Patch(client, Resolve(registry, shortChunk), "2345"u8.ToArray(), "2-5");

        // Assert
        Assert.AreEqual(HttpStatusCode.Accepted, shortChunk.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, next.StatusCode);
        Assert.AreEqual("BLOB_UPLOAD_INVALID", await ErrorCode(next));
    }

    [TestMethod]
    public async Task StreamedPatch_WithoutContentRange_AppendsTheWholeBody()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        var blob = Encoding.ASCII.GetBytes(new string('x', 100_000));

        // Act
        using var post = await client.PostAsync($"/v2/{Repo}/blobs/uploads/", null);
        using var patch = await client.PatchAsync(Resolve(registry, post), new ByteArrayContent(blob));
        using var put = await client.PutAsync(Resolve(registry, patch) + "&digest=" + FakeRegistry.DigestOf(blob), null);

        // Assert
        Assert.AreEqual("0-99999", Header(patch, "Range"));
        Assert.AreEqual(HttpStatusCode.Created, put.StatusCode);
    }

    [TestMethod]
    public async Task UploadDelete_EndsTheSession()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        using var post = await client.PostAsync($"/v2/{Repo}/blobs/uploads/", null);
        var openBefore = registry.OpenUploadSessions;

        // Act
        using var delete = await client.DeleteAsync(Resolve(registry, post));
        using var status = await client.GetAsync(Resolve(registry, post));

        // Assert
        Assert.AreEqual(1, openBefore);
        Assert.AreEqual(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.AreEqual(0, registry.OpenUploadSessions);
        Assert.AreEqual("BLOB_UPLOAD_UNKNOWN", await ErrorCode(status));
    }

    [TestMethod]
    public async Task UploadPut_WithTheWrongDigest_IsDigestInvalid_AndEndsTheSession()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);

        // Act
        using var post = await client.PostAsync($"/v2/{Repo}/blobs/uploads/", null);
        using var put = await client.PutAsync(
            Resolve(registry, post) + "&digest=" + FakeRegistry.DigestOf("something else"u8), new ByteArrayContent("content"u8.ToArray()));

        // Assert
        Assert.AreEqual(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.AreEqual("DIGEST_INVALID", await ErrorCode(put));
        Assert.AreEqual(0, registry.OpenUploadSessions);
        Assert.IsEmpty(registry.Blobs(Repo));
    }

    [TestMethod]
    public async Task UploadUrl_RebuiltWithoutState_OrWithAStaleState_IsBlobUploadInvalid()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        using var post = await client.PostAsync($"/v2/{Repo}/blobs/uploads/", null);
        var uuid = post.Headers.GetValues("Docker-Upload-UUID").Single();

        // Act
        using var rebuilt = await Patch(client, $"/v2/{Repo}/blobs/uploads/{uuid}", "abcd"u8.ToArray(), "0-3");
        using var patched = await Patch(client, Resolve(registry, post), "abcd"u8.ToArray(), "0-3");
        using var stale = await Patch(client, Resolve(registry, post), "efgh"u8.ToArray(), "4-7");

        // Assert
        Assert.Contains("_state=", post.Headers.Location!.OriginalString);
        Assert.AreEqual(HttpStatusCode.BadRequest, rebuilt.StatusCode);
        Assert.AreEqual("BLOB_UPLOAD_INVALID", await ErrorCode(rebuilt));
        Assert.AreEqual(HttpStatusCode.Accepted, patched.StatusCode);
        Assert.AreNotEqual(post.Headers.Location, patched.Headers.Location, "every PATCH answers a new Location");
        Assert.AreEqual(HttpStatusCode.BadRequest, stale.StatusCode);
    }

    [TestMethod]
    public async Task AbsoluteLocations_NameTheRegistryItself()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { AbsoluteLocations = true });
        using var client = Client(registry);

        // Act
        using var post = await client.PostAsync($"/v2/{Repo}/blobs/uploads/", null);

        // Assert
        var location = post.Headers.Location!;
        Assert.IsTrue(location.IsAbsoluteUri);
        Assert.AreEqual(registry.Host, location.Authority);
        StringAssert.StartsWith(location.AbsolutePath, $"/v2/{Repo}/blobs/uploads/");
    }

    [TestMethod]
    public async Task ManifestPut_NamingABlobTheRepositoryLacks_IsManifestBlobUnknown()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        var config = registry.PutBlob(Repo, "{}"u8.ToArray());
        var manifest = ImageManifest(config, FakeRegistry.DigestOf("layer"u8));

        // Act
        using var put = await PutManifest(client, "latest", ManifestType, manifest);

        // Assert
        Assert.AreEqual(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.AreEqual("MANIFEST_BLOB_UNKNOWN", await ErrorCode(put));
        Assert.IsEmpty(registry.Tags(Repo));
    }

    [TestMethod]
    public async Task ManifestPut_ByDigestThenIndexByTag_KeepsExactBytes_AndGetReturnsThem()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        var config = registry.PutBlob(Repo, "{}"u8.ToArray());
        var layer = registry.PutBlob(Repo, "layer"u8.ToArray());
        var manifest = ImageManifest(config, layer);
        var manifestDigest = FakeRegistry.DigestOf(manifest);
        var index = Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"{{IndexType}}","manifests":[{"mediaType":"{{ManifestType}}","digest":"{{manifestDigest}}","size":{{manifest.Length}}}]}""");
        var missingChild = Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"{{IndexType}}","manifests":[{"mediaType":"{{ManifestType}}","digest":"{{config}}","size":2}]}""");

        // Act
        using var wrongDigest = await PutManifest(client, FakeRegistry.DigestOf("nope"u8), ManifestType, manifest);
        using var child = await PutManifest(client, manifestDigest, ManifestType, manifest);
        using var orphanIndex = await PutManifest(client, "broken", IndexType, missingChild);
        using var tagged = await PutManifest(client, "v1", IndexType, index);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{Repo}/manifests/v1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(IndexType));
        using var get = await client.SendAsync(request);
        using var unknown = await client.GetAsync($"/v2/{Repo}/manifests/nope");

        // Assert
        Assert.AreEqual("DIGEST_INVALID", await ErrorCode(wrongDigest));
        Assert.AreEqual(HttpStatusCode.Created, child.StatusCode);
        Assert.AreEqual(manifestDigest, Header(child, "Docker-Content-Digest"));
        Assert.AreEqual("MANIFEST_BLOB_UNKNOWN", await ErrorCode(orphanIndex));
        Assert.AreEqual(HttpStatusCode.Created, tagged.StatusCode);
        CollectionAssert.AreEqual(new[] { "v1" }, registry.Tags(Repo).ToArray());
        CollectionAssert.AreEqual(index, await get.Content.ReadAsByteArrayAsync());
        Assert.AreEqual(IndexType, get.Content.Headers.ContentType!.MediaType);
        Assert.AreEqual(FakeRegistry.DigestOf(index), Header(get, "Docker-Content-Digest"));
        Assert.AreEqual("MANIFEST_UNKNOWN", await ErrorCode(unknown));
    }

    [TestMethod]
    public async Task ManifestPut_LargerThanTheLimit_Is413()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { MaxManifestBytes = 64 });
        using var client = Client(registry);
        var config = registry.PutBlob(Repo, "{}"u8.ToArray());

        // Act
        using var put = await PutManifest(client, "latest", ManifestType, ImageManifest(config));

        // Assert
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
    }

    [TestMethod]
    public async Task Mount_AnswersCreatedWhenTheSourceHasTheBlob_AndOpensAnUploadOtherwise()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        var digest = registry.PutBlob("goimage/base", "shared layer"u8.ToArray());

        // Act
        using var mounted = await client.PostAsync($"/v2/{Repo}/blobs/uploads/?mount={digest}&from=goimage/base", null);
        using var fallback = await client.PostAsync($"/v2/other/blobs/uploads/?mount={digest}&from=goimage/empty", null);

        // Assert
        Assert.AreEqual(HttpStatusCode.Created, mounted.StatusCode);
        Assert.AreEqual($"/v2/{Repo}/blobs/{digest}", mounted.Headers.Location!.OriginalString);
        Assert.IsTrue(registry.HasBlob(Repo, digest));
        Assert.AreEqual(HttpStatusCode.Accepted, fallback.StatusCode);
        Assert.Contains("/blobs/uploads/", fallback.Headers.Location!.OriginalString);
        Assert.AreEqual(1, registry.OpenUploadSessions);
    }

    [TestMethod]
    public async Task Mount_WhenDisabled_FallsBackToAnUploadSession()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { MountEnabled = false });
        using var client = Client(registry);
        var digest = registry.PutBlob("goimage/base", "shared layer"u8.ToArray());

        // Act
        using var post = await client.PostAsync($"/v2/{Repo}/blobs/uploads/?mount={digest}&from=goimage/base", null);

        // Assert
        Assert.AreEqual(HttpStatusCode.Accepted, post.StatusCode);
        Assert.IsFalse(registry.HasBlob(Repo, digest));
    }

    [TestMethod]
    public async Task BasicAuth_ChallengesWithoutCredentials_AndAcceptsTheRightOnes()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Basic, Username = "alice", Password = "s3cret" });
        using var client = Client(registry);

        // Act
        using var anonymous = await client.GetAsync("/v2/");
        using var wrong = await Send(client, HttpMethod.Get, "/v2/", Basic("alice", "wrong"));
        using var right = await Send(client, HttpMethod.Get, "/v2/", Basic("alice", "s3cret"));

        // Assert
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.AreEqual("Basic realm=\"fake\"", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.AreEqual("UNAUTHORIZED", await ErrorCode(anonymous));
        Assert.AreEqual(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, right.StatusCode);
        Assert.AreEqual("Basic", registry.Requests[^1].AuthorizationScheme);
    }

    [TestMethod]
    public async Task BearerAuth_ChallengesWithTheRequestScope_ThenAcceptsTheTokenFromTheRealm()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer, Username = "alice", Password = "s3cret" });
        using var client = Client(registry);
        registry.PutManifest(Repo, "latest", ManifestType, "{}"u8.ToArray());

        // Act
        using var challenged = await client.GetAsync($"/v2/{Repo}/manifests/latest");
        var challenge = Challenge(challenged);
        using var noCredentials = await client.GetAsync($"{challenge["realm"]}?service={challenge["service"]}&scope={challenge["scope"]}");
        var token = await FetchToken(client, challenge, Basic("alice", "s3cret"));
        using var authorized = await Send(client, HttpMethod.Get, $"/v2/{Repo}/manifests/latest", new AuthenticationHeaderValue("Bearer", token));
        using var pushChallenge = await Send(client, HttpMethod.Post, $"/v2/{Repo}/blobs/uploads/", new AuthenticationHeaderValue("Bearer", token));

        // Assert
        Assert.AreEqual(HttpStatusCode.Unauthorized, challenged.StatusCode);
        Assert.AreEqual(registry.TokenRealm.AbsoluteUri, challenge["realm"]);
        Assert.AreEqual("fake-registry", challenge["service"]);
        Assert.AreEqual($"repository:{Repo}:pull", challenge["scope"]);
        Assert.AreEqual(HttpStatusCode.Unauthorized, noCredentials.StatusCode, "the realm demands the configured credentials");
        Assert.AreEqual(HttpStatusCode.OK, authorized.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, pushChallenge.StatusCode, "a pull token does not allow a push");
        Assert.AreEqual($"repository:{Repo}:pull,push", Challenge(pushChallenge)["scope"]);
        Assert.AreEqual("insufficient_scope", Challenge(pushChallenge)["error"]);
        Assert.HasCount(2, registry.TokenRequests);
        Assert.IsTrue(registry.TokenRequests[1].Granted);
        Assert.IsTrue(registry.TokenRequests[1].HadBasicCredentials);
    }

    [TestMethod]
    public async Task BearerAuth_TokenExpiresAfterTheConfiguredNumberOfRequests()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer, ExpireTokensAfterRequests = 2 });
        using var client = Client(registry);
        using var challenged = await client.GetAsync($"/v2/{Repo}/blobs/{FakeRegistry.DigestOf("x"u8)}");
        var token = await FetchToken(client, Challenge(challenged), credentials: null);
        var bearer = new AuthenticationHeaderValue("Bearer", token);

        // Act
        using var first = await Send(client, HttpMethod.Get, $"/v2/{Repo}/blobs/{FakeRegistry.DigestOf("x"u8)}", bearer);
        using var second = await Send(client, HttpMethod.Get, $"/v2/{Repo}/blobs/{FakeRegistry.DigestOf("x"u8)}", bearer);
        using var third = await Send(client, HttpMethod.Get, $"/v2/{Repo}/blobs/{FakeRegistry.DigestOf("x"u8)}", bearer);

        // Assert: 404 means authorized (the blob does not exist).
        Assert.AreEqual(HttpStatusCode.NotFound, first.StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, second.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, third.StatusCode);
        Assert.AreEqual("invalid_token", Challenge(third)["error"]);
    }

    [TestMethod]
    public async Task BearerAuth_RejectAllTokens_AnswersEveryRequest401()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { Auth = FakeAuthMode.Bearer, RejectAllTokens = true });
        using var client = Client(registry);
        using var challenged = await client.GetAsync("/v2/");
        var token = await FetchToken(client, Challenge(challenged), credentials: null);

        // Act
        using var retried = await Send(client, HttpMethod.Get, "/v2/", new AuthenticationHeaderValue("Bearer", token));

        // Assert
        Assert.IsFalse(Challenge(challenged).ContainsKey("scope"), "the base endpoint asks for no scope");
        Assert.AreEqual(HttpStatusCode.Unauthorized, retried.StatusCode);
    }

    [TestMethod]
    public async Task TokenEndpoint_PostWithAnIdentityToken_IssuesAToken_AndRefusesAWrongOne()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions
        {
            Auth = FakeAuthMode.Bearer,
            Username = "alice",
            Password = "s3cret",
            IdentityToken = "identity-123",
        });
        using var client = Client(registry);

        // Act
        using var good = await client.PostAsync("/token", Form("identity-123"));
        using var bad = await client.PostAsync("/token", Form("identity-456"));
        using var json = JsonDocument.Parse(await good.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("access_token").GetString();
        using var authorized = await Send(client, HttpMethod.Post, $"/v2/{Repo}/blobs/uploads/", new AuthenticationHeaderValue("Bearer", token));

        // Assert
        Assert.AreEqual(HttpStatusCode.OK, good.StatusCode);
        Assert.AreEqual(token, json.RootElement.GetProperty("token").GetString());
        Assert.AreEqual(60, json.RootElement.GetProperty("expires_in").GetInt32());
        Assert.AreEqual(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.AreEqual(HttpStatusCode.Accepted, authorized.StatusCode);
        Assert.AreEqual("refresh_token", registry.TokenRequests[0].GrantType);

        static FormUrlEncodedContent Form(string identityToken) => new(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = identityToken,
            ["service"] = "fake-registry",
            ["scope"] = $"repository:{Repo}:pull,push",
            ["client_id"] = "goimage",
        });
    }

    [TestMethod]
    public async Task FaultRule_Responding503Twice_LetsTheThirdRequestThrough_WithRetryAfter()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        var rule = registry.Faults.Add(FaultRule.ForMethod("PUT").PathContains("/manifests/").Times(2).Respond(503, "UNAVAILABLE", retryAfter: "1"));
        var config = registry.PutBlob(Repo, "{}"u8.ToArray());
        var manifest = ImageManifest(config);

        // Act
        using var first = await PutManifest(client, "latest", ManifestType, manifest);
        using var second = await PutManifest(client, "latest", ManifestType, manifest);
        using var third = await PutManifest(client, "latest", ManifestType, manifest);

        // Assert
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.AreEqual("1", first.Headers.RetryAfter!.ToString());
        Assert.AreEqual("UNAVAILABLE", await ErrorCode(first));
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.AreEqual(HttpStatusCode.Created, third.StatusCode);
        Assert.AreEqual(2, rule.Hits);
        Assert.AreEqual(3, rule.Matches);
    }

    [TestMethod]
    public async Task FaultRule_Nth_FiresOnThatMatchingRequestOnly()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        registry.Faults.Add(FaultRule.ForAnyMethod().PathMatches("^/v2/$").Nth(2).Respond(429, "TOOMANYREQUESTS", "Wed, 21 Oct 2015 07:28:00 GMT"));

        // Act
        using var first = await client.GetAsync("/v2/");
        using var second = await client.GetAsync("/v2/");
        using var third = await client.GetAsync("/v2/");

        // Assert
        Assert.AreEqual(HttpStatusCode.OK, first.StatusCode);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.AreEqual(new DateTimeOffset(2015, 10, 21, 7, 28, 0, TimeSpan.Zero), second.Headers.RetryAfter!.Date);
        Assert.AreEqual(HttpStatusCode.OK, third.StatusCode);
    }

    [TestMethod]
    public async Task FaultRule_Reset_DropsTheConnectionMidUpload_AndLeavesTheSessionResumable()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        registry.Faults.Add(FaultRule.ForMethod("PATCH").Times(1).ResetAfterBodyBytes(1024));
        var blob = new byte[256 * 1024];
        using var post = await client.PostAsync($"/v2/{Repo}/blobs/uploads/", null);

        // Act
        var error = await Assert.ThrowsAsync<Exception>(() => Patch(client, Resolve(registry, post), blob, $"0-{blob.Length - 1}"));
        using var status = await client.GetAsync(Resolve(registry, post));

        // Assert
        Assert.IsTrue(error is HttpRequestException or IOException, error.ToString());
        Assert.AreEqual(HttpStatusCode.NoContent, status.StatusCode);
        Assert.IsFalse(status.Headers.Contains("Range"), "nothing was appended");
        Assert.IsTrue(registry.Requests.Any(r => r.Method == "PATCH" && r.Aborted));
    }

    [TestMethod]
    public async Task FaultRule_Hang_NeverAnswers_UntilTheClientGivesUp()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        client.Timeout = TimeSpan.FromMilliseconds(300);
        registry.Faults.Add(FaultRule.ForMethod("GET").PathContains("/blobs/").Hang());

        // Act
        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync($"/v2/{Repo}/blobs/{FakeRegistry.DigestOf("x"u8)}"));

        // Assert
        Assert.IsLessThan(TimeSpan.FromSeconds(5), DateTime.UtcNow - started);
    }

    [TestMethod]
    public async Task BlobRedirect_SendsTheClientToAnotherHost_ThatRecordsTheAuthorizationHeader()
    {
        // Arrange
        await using var cdn = await RecordingServer.StartAsync("from the cdn"u8.ToArray());
        await using var registry = await FakeRegistry.StartAsync(new FakeRegistryOptions { BlobRedirectBase = cdn.BaseAddress });
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = registry.BaseAddress };
        var digest = registry.PutBlob(Repo, "from the cdn"u8.ToArray());

        // Act
        using var redirect = await client.GetAsync($"/v2/{Repo}/blobs/{digest}");
        using var followed = await client.GetAsync(redirect.Headers.Location);

        // Assert
        Assert.AreEqual(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.AreNotEqual(registry.Host, redirect.Headers.Location!.Authority);
        Assert.AreEqual(cdn.Host, redirect.Headers.Location.Authority);
        Assert.AreEqual("from the cdn", await followed.Content.ReadAsStringAsync());
        Assert.HasCount(1, cdn.Requests);
        Assert.IsFalse(cdn.Requests[0].HasAuthorization);
    }

    [TestMethod]
    public async Task FaultRule_Redirect_AndAddedHeaders_AreAnswered()
    {
        // Arrange
        await using var other = await RecordingServer.StartAsync();
        await using var registry = await FakeRegistry.StartAsync();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = registry.BaseAddress };
        registry.Faults.Add(FaultRule.ForMethod("GET").PathContains("/manifests/").RedirectPreservingPath(other.BaseAddress));
        registry.Faults.Add(FaultRule.ForAnyMethod().PathMatches("^/v2/$").AddResponseHeader("Warning", "299 - \"deprecated\""));

        // Act
        using var redirect = await client.GetAsync($"/v2/{Repo}/manifests/latest?x=1");
        using var warned = await client.GetAsync("/v2/");

        // Assert
        Assert.AreEqual(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.AreEqual(new Uri(other.BaseAddress, $"/v2/{Repo}/manifests/latest?x=1"), redirect.Headers.Location);
        Assert.AreEqual(HttpStatusCode.OK, warned.StatusCode);
        Assert.AreEqual("299 - \"deprecated\"", warned.Headers.Warning.Single().ToString());
    }

    [TestMethod]
    public async Task FaultRule_ReplaceResponseHeader_WinsOverTheHandlersValue_AndKeepsTheBody()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        var digest = registry.PutBlob(Repo, "stored"u8.ToArray());
        var other = FakeRegistry.DigestOf("other"u8);
        registry.Faults.Add(FaultRule.ForMethod("GET").PathContains("/blobs/").ReplaceResponseHeader("Docker-Content-Digest", other));

        // Act
        using var response = await client.GetAsync($"/v2/{Repo}/blobs/{digest}");

        // Assert
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(other, response.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.AreEqual("stored", await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task FaultRule_CutOffResponseAfterBytes_SendsThoseBytesThenDropsTheConnection()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);
        var blob = new byte[64 * 1024];
        Random.Shared.NextBytes(blob);
        var digest = registry.PutBlob(Repo, blob);
        registry.Faults.Add(FaultRule.ForMethod("GET").PathContains("/blobs/").CutOffResponseAfterBytes(1000));
        using var response = await client.GetAsync($"/v2/{Repo}/blobs/{digest}", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();

        // Act
        var error = await Assert.ThrowsAsync<Exception>(() => body.CopyToAsync(received));

        // Assert
        Assert.IsTrue(error is HttpRequestException or IOException, error.ToString());
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        CollectionAssert.AreEqual(blob[..1000], received.ToArray());
        // The server records the request once its handler ends, which may be after the client saw the drop.
        for (var wait = 0; wait < 50 && !registry.Requests.Any(r => r.Method == "GET"); wait++)
        {
            await Task.Delay(20);
        }

        Assert.IsTrue(registry.Requests.Single(r => r.Method == "GET").Aborted, "the request is recorded as dropped");
    }

    [TestMethod]
    public async Task Requests_RecordMethodPathAuthorizationAndStatus()
    {
        // Arrange
        await using var registry = await FakeRegistry.StartAsync();
        using var client = Client(registry);

        // Act
        using var response = await Send(client, HttpMethod.Get, "/v2/?x=1", new AuthenticationHeaderValue("Bearer", "t"));
        using var invalid = await client.GetAsync("/v2/UPPER/manifests/latest");

        // Assert
        var recorded = registry.Requests;
        Assert.AreEqual(new RecordedRequest("GET", "/v2/", "?x=1", true, "Bearer", null, 200, false), recorded[0]);
        Assert.AreEqual("NAME_INVALID", await ErrorCode(invalid));
    }

    private static HttpClient Client(FakeRegistry registry) => new() { BaseAddress = registry.BaseAddress };

    /// <summary>The response's Location resolved against the registry, as a client must do.</summary>
    private static string Resolve(FakeRegistry registry, HttpResponseMessage response) =>
        new Uri(registry.BaseAddress, response.Headers.Location!).AbsoluteUri;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values)
        : null;

    private static async Task<string?> ErrorCode(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("errors")[0].GetProperty("code").GetString();
    }

    private static async Task<HttpResponseMessage> Patch(HttpClient client, string url, byte[] body, string contentRange)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PutManifest(HttpClient client, string reference, string mediaType, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await client.PutAsync($"/v2/{Repo}/manifests/{reference}", content);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = authorization;
        return await client.SendAsync(request);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static Dictionary<string, string> Challenge(HttpResponseMessage response)
    {
        var header = response.Headers.WwwAuthenticate.Single();
        Assert.AreEqual("Bearer", header.Scheme);
        return ChallengeParameter().Matches(header.Parameter!).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    private static async Task<string> FetchToken(HttpClient client, Dictionary<string, string> challenge, AuthenticationHeaderValue? credentials)
    {
        var url = $"{challenge["realm"]}?service={Uri.EscapeDataString(challenge["service"])}";
        if (challenge.TryGetValue("scope", out var scope))
        {
            url += "&scope=" + Uri.EscapeDataString(scope);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = credentials;
        using var response = await client.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }

    private static byte[] ImageManifest(string config, params string[] layers)
    {
        var layerJson = string.Join(",", layers.Select(l => $$"""{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{l}}","size":1}"""));
        return Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"{{ManifestType}}","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{config}}","size":2},"layers":[{{layerJson}}]}""");
    }

    [GeneratedRegex("""(\w+)="([^"]*)"(?:,|$)""")]
    private static partial Regex ChallengeParameter();
}
