using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GoImage.Diagnostics;

namespace GoImage.Registry;

/// <summary>
/// Answers a registry's 401 challenges for one registry: Basic credentials, or Bearer tokens fetched
/// from the challenge's realm and cached per scope until they expire. Secrets only ever go into
/// Authorization headers: never into messages, logs or exceptions.
/// </summary>
internal sealed class RegistryAuthenticator(
    string registry,
    RegistryRole role,
    CredentialStore credentials,
    RegistryOptions options,
    HttpClient http,
    Action<Diagnostic> warn) : IDisposable
{
    // Tokens live a little less than they claim, so one is never sent as it expires.
    private static readonly TimeSpan ExpirySlack = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, BearerToken> _tokens = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private Task<CredentialLookup>? _lookup;
    private AuthenticationChallenge? _bearer;
    private volatile bool _basic;

    /// <summary>How many tokens were fetched (tests assert that an expired token costs exactly one).</summary>
    public int TokensFetched { get; private set; }

    /// <summary>Where the credentials came from, for messages: never the credentials themselves.</summary>
    public string CredentialSource => _lookup is { IsCompletedSuccessfully: true } lookup && lookup.Result.Credential is { } credential
        ? credential.Source
        : $"no credentials (none in GOIMAGE_{RoleName}_REGISTRY_USERNAME/PASSWORD or Docker's config.json for {registry})";

    public string RoleName => role == RegistryRole.Push ? "PUSH" : "PULL";

    /// <summary>Adds what is already known to work for this scope; after the first challenge no request needs a 401 first.</summary>
    public async Task AuthorizeAsync(HttpRequestMessage request, RegistryScope scope, CancellationToken cancellationToken)
    {
        if (_basic)
        {
            var credential = (await LookupAsync(cancellationToken).ConfigureAwait(false)).Credential;
            if (credential is not null)
            {
                request.Headers.Authorization = Basic(credential);
            }

            return;
        }

        if (_tokens.TryGetValue(scope.ToString(), out var token) && token.IsFresh)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }
        else if (_bearer is not null)
        {
            var fresh = await FetchTokenAsync(_bearer, scope, rejected: null, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh.Value);
        }
    }

    /// <summary>
    /// Reacts to a 401: true when there is something new to try (credentials for Basic, a fresh token
    /// for Bearer). The caller retries once and treats a second 401 as final, so this never loops.
    /// </summary>
    public async Task<bool> OnChallengeAsync(HttpResponseMessage response, HttpRequestMessage rejected, RegistryScope scope, CancellationToken cancellationToken)
    {
        var challenge = AuthenticationChallenge.From(response);
        if (challenge is null)
        {
            return false;
        }

        if (challenge.IsBasic)
        {
            // Parallel requests meet the challenge together: each may retry once with the credentials,
            // but one that already carried them was refused for good.
            var credential = (await LookupAsync(cancellationToken).ConfigureAwait(false)).Credential;
            if (credential is null || rejected.Headers.Authorization is { Scheme: "Basic" })
            {
                return false;
            }

            _basic = true;
            return true;
        }

        _bearer = challenge;
        var rejectedToken = rejected.Headers.Authorization is { Scheme: "Bearer" } header ? header.Parameter : null;
        await FetchTokenAsync(challenge, scope, rejectedToken, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<BearerToken> FetchTokenAsync(AuthenticationChallenge challenge, RegistryScope scope, string? rejected, CancellationToken cancellationToken)
    {
        var key = scope.ToString();
        await _tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Parallel uploads hit the same expiry together: the first fetches, the rest reuse its token.
            if (_tokens.TryGetValue(key, out var cached) && cached.IsFresh && cached.Value != rejected)
            {
                return cached;
            }

            var token = await RequestTokenAsync(challenge, scope, cancellationToken).ConfigureAwait(false);
            _tokens[key] = token;
            TokensFetched++;
            return token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private async Task<BearerToken> RequestTokenAsync(AuthenticationChallenge challenge, RegistryScope scope, CancellationToken cancellationToken)
    {
        var realm = challenge["realm"];
        if (realm is null || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw Unauthorized(scope, $"its Bearer challenge has no usable realm ('{realm}')");
        }

        if (realmUri.Scheme != Uri.UriSchemeHttps && !(realmUri.Scheme == Uri.UriSchemeHttp && options.AllowsPlainHttp(realmUri.Authority)))
        {
            throw Unauthorized(scope, $"its token service {realmUri.GetLeftPart(UriPartial.Path)} is not HTTPS");
        }

        var scopes = scope.TokenScopes().ToList();
        if (challenge["scope"] is { } asked && !scopes.Contains(asked))
        {
            scopes.Add(asked);
        }

        var service = challenge["service"];
        var credential = (await LookupAsync(cancellationToken).ConfigureAwait(false)).Credential;
        using var request = credential is { IsIdentityToken: true }
            ? IdentityTokenRequest(realmUri, service, scopes, credential)
            : TokenRequest(realmUri, service, scopes, credential);
        using var timeout = new CancellationTokenSource(options.IdleTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The token service {realmUri.GetLeftPart(UriPartial.Path)} did not answer.");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (RegistryRetry.IsRetryable(response.StatusCode))
            {
                throw new RegistryTransientException($"The token service answered {(int)response.StatusCode}.", response.StatusCode, RegistryRetry.RetryAfter(response, options.MaxRetryAfter));
            }

            if (!response.IsSuccessStatusCode)
            {
                var errors = RegistryErrorBody.Parse(body);
                throw Unauthorized(scope, $"its token service answered {(int)response.StatusCode} {RegistryErrorBody.Describe(errors, response.ReasonPhrase ?? "")}");
            }

            return ParseToken(body, scope);
        }
    }

    private static HttpRequestMessage TokenRequest(Uri realm, string? service, List<string> scopes, RegistryCredential? credential)
    {
        var query = new StringBuilder(realm.Query.Length > 0 ? realm.Query[1..] : "");
        if (service is not null)
        {
            Append(query, "service", service);
        }

        foreach (var scope in scopes)
        {
            Append(query, "scope", scope);
        }

        var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(realm) { Query = query.ToString() }.Uri);
        if (credential is not null)
        {
            request.Headers.Authorization = Basic(credential);
        }

        return request;
    }

    // Docker's identity tokens (user "<token>") are OAuth2 refresh tokens: they are exchanged with a POST, never sent as Basic.
    private static HttpRequestMessage IdentityTokenRequest(Uri realm, string? service, List<string> scopes, RegistryCredential credential)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", credential.Secret),
            new("client_id", "goimage"),
        };
        if (service is not null)
        {
            form.Add(new("service", service));
        }

        form.Add(new("scope", string.Join(' ', scopes)));
        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    private BearerToken ParseToken(string body, RegistryScope scope)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var value = Text(root, "token") ?? Text(root, "access_token");
            if (value is null)
            {
                throw Unauthorized(scope, "its token service answered without a token");
            }

            var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : DefaultTokenLifetime;
            return new BearerToken(value, DateTimeOffset.UtcNow + lifetime - (lifetime > ExpirySlack * 2 ? ExpirySlack : TimeSpan.Zero));
        }
        catch (JsonException)
        {
            throw Unauthorized(scope, "its token service answered with something that is not JSON");
        }
    }

    public GoImageException Unauthorized(RegistryScope scope, string what) =>
        new(Diagnostic.RegistryUnauthorized(registry, scope.Repository, what, CredentialSource, RoleName));

    private Task<CredentialLookup> LookupAsync(CancellationToken cancellationToken)
    {
        return _lookup ??= LookupOnceAsync();

        async Task<CredentialLookup> LookupOnceAsync()
        {
            var lookup = await credentials.FindAsync(registry, role, cancellationToken).ConfigureAwait(false);
            foreach (var warning in lookup.Warnings)
            {
                warn(warning);
            }

            return lookup;
        }
    }

    public void Dispose() => _tokenLock.Dispose();

    private static AuthenticationHeaderValue Basic(RegistryCredential credential) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Secret}")));

    private static void Append(StringBuilder query, string name, string value) =>
        query.Append(query.Length > 0 ? "&" : "").Append(name).Append('=').Append(Uri.EscapeDataString(value));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record BearerToken(string Value, DateTimeOffset ExpiresAt)
    {
        public bool IsFresh => DateTimeOffset.UtcNow < ExpiresAt;

        // Never print the token, even in a debugger's watch window or a stray log line.
        public override string ToString() => $"Bearer token until {ExpiresAt:O}";
    }
}
