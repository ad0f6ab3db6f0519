using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>Basic and Bearer authentication, and the token endpoint.</summary>
public sealed partial class FakeRegistry
{
    /// <summary>Checks the request's credentials; answers 401 with a challenge (and returns false) when they do not do.</summary>
    private async Task<bool> AuthorizeAsync(HttpContext context, string? repository)
    {
        var options = Options;
        switch (options.Auth)
        {
            case FakeAuthMode.Basic:
                if (TryReadBasic(context.Request, out var user, out var password) && CredentialsMatch(user, password))
                {
                    return true;
                }

                context.Response.Headers.WWWAuthenticate = "Basic realm=\"fake\"";
                await RegistryErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "authentication required").ConfigureAwait(false);
                return false;

            case FakeAuthMode.Bearer:
                var push = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
                string? error = null;
                var header = context.Request.Headers.Authorization.ToString();
                if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    error = CheckToken(header["Bearer ".Length..].Trim(), repository, push);
                    if (error is null)
                    {
                        return true;
                    }
                }

                var challenge = new StringBuilder()
                    .Append(CultureInfo.InvariantCulture, $"Bearer realm=\"{TokenRealm.AbsoluteUri}\",service=\"{FakeRegistryOptions.ServiceName}\"");
                if (repository is not null)
                {
                    challenge.Append(CultureInfo.InvariantCulture, $",scope=\"repository:{repository}:{(push ? "pull,push" : "pull")}\"");
                }

                if (error is not null)
                {
                    challenge.Append(CultureInfo.InvariantCulture, $",error=\"{error}\"");
                }

                context.Response.Headers.WWWAuthenticate = challenge.ToString();
                await RegistryErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "authentication required").ConfigureAwait(false);
                return false;

            default:
                return true;
        }
    }

    /// <summary>Whether the request may pull from <paramref name="repository"/> with the credentials it already carries.</summary>
    private bool CanPullWithSameCredentials(HttpContext context, string repository)
    {
        if (Options.Auth != FakeAuthMode.Bearer)
        {
            return true;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        lock (_gate)
        {
            return _tokens.TryGetValue(header["Bearer ".Length..].Trim(), out var token) && token.Allows(repository, "pull");
        }
    }

    /// <summary>Validates and uses a token: <see langword="null"/> when it grants the request, else the RFC 6750 error.</summary>
    private string? CheckToken(string value, string? repository, bool push)
    {
        var options = Options;
        lock (_gate)
        {
            if (options.RejectAllTokens || !_tokens.TryGetValue(value, out var token))
            {
                return "invalid_token";
            }

            if (options.Time.GetUtcNow() >= token.ExpiresAt
                || (options.ExpireTokensAfterRequests is { } limit && token.Uses >= limit))
            {
                return "invalid_token";
            }

            if (repository is not null && (!token.Allows(repository, "pull") || (push && !token.Allows(repository, "push"))))
            {
                return "insufficient_scope";
            }

            token.Uses++;
            return null;
        }
    }

    private async Task HandleTokenAsync(HttpContext context)
    {
        var request = context.Request;
        var options = Options;
        var hadBasic = TryReadBasic(request, out var user, out var password);
        string? service;
        StringValues scopes;
        string? grantType = null;
        bool authenticated;
        bool offline;

        if (HttpMethods.IsGet(request.Method))
        {
            service = request.Query["service"];
            scopes = request.Query["scope"];
            offline = string.Equals(request.Query["offline_token"], "true", StringComparison.OrdinalIgnoreCase);
            authenticated = hadBasic ? options.Username is null || CredentialsMatch(user, password) : options.Username is null;
        }
        else if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            service = form["service"];
            scopes = form["scope"];
            grantType = form["grant_type"];
            offline = string.Equals(form["access_type"], "offline", StringComparison.OrdinalIgnoreCase);
            authenticated = grantType switch
            {
                "refresh_token" => options.IdentityToken is not null && string.Equals(form["refresh_token"], options.IdentityToken, StringComparison.Ordinal),
                "password" => CredentialsMatch(form["username"], form["password"]),
                _ => false,
            };
        }
        else
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "UNSUPPORTED", "use GET, or POST with a form").ConfigureAwait(false);
            return;
        }

        var scope = string.Join(' ', scopes.Where(s => !string.IsNullOrEmpty(s)));
        var serviceKnown = string.Equals(service, FakeRegistryOptions.ServiceName, StringComparison.Ordinal);
        lock (_gate)
        {
            _tokenRequests.Add(new RecordedTokenRequest(request.Method, service, scope, grantType, hadBasic, authenticated && serviceKnown));
        }

        if (!serviceKnown)
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "UNSUPPORTED", "unknown service", service).ConfigureAwait(false);
            return;
        }

        if (!authenticated)
        {
            await RegistryErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "bad credentials").ConfigureAwait(false);
            return;
        }

        var value = "fake-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = options.Time.GetUtcNow();
        lock (_gate)
        {
            _tokens[value] = new IssuedToken(now + options.TokenLifetime, ParseScopes(scope));
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("token", value);
            json.WriteString("access_token", value);
            json.WriteNumber("expires_in", (long)options.TokenLifetime.TotalSeconds);
            json.WriteString("issued_at", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            if (offline && options.IdentityToken is not null)
            {
                json.WriteString("refresh_token", options.IdentityToken);
            }

            json.WriteEndObject();
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Grants every action asked for: <c>repository:name:pull,push</c> entries by repository.</summary>
    private static Dictionary<string, HashSet<string>> ParseScopes(string scope)
    {
        var granted = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var entry in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var first = entry.IndexOf(':', StringComparison.Ordinal);
            var last = entry.LastIndexOf(':');
            if (first < 0 || last <= first || !entry.StartsWith("repository", StringComparison.Ordinal))
            {
                continue;
            }

            var name = entry[(first + 1)..last];
            if (!granted.TryGetValue(name, out var actions))
            {
                actions = new HashSet<string>(StringComparer.Ordinal);
                granted[name] = actions;
            }

            actions.UnionWith(entry[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries));
        }

        return granted;
    }

    private bool CredentialsMatch(string? user, string? password) =>
        Options.Username is not null
        && string.Equals(user, Options.Username, StringComparison.Ordinal)
        && string.Equals(password, Options.Password ?? "", StringComparison.Ordinal);

    private static bool TryReadBasic(HttpRequest request, out string? user, out string? password)
    {
        user = null;
        password = null;
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            user = decoded[..colon];
            password = decoded[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
