using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GoImage.Diagnostics;

namespace GoImage.Registry;

/// <summary>
/// Finds the credential for a registry the way CI and the docker CLI keep them: the GOIMAGE_*_REGISTRY_*
/// environment variables, then Docker's config.json (credHelpers, credsStore, auths) and its
/// docker-credential-* helper programs.
/// </summary>
public sealed class CredentialStore
{
    // Docker Hub's credentials are filed under the v1 index URL, whichever of its names the image uses.
    private const string DockerHubServerUrl = "https://index.docker.io/v1/";

    private static readonly string[] DockerHubHosts = ["docker.io", "index.docker.io", "registry-1.docker.io"];

    private readonly Func<string, string?> environment;
    private readonly string? dockerConfigDirectory;
    private readonly TimeSpan helperTimeout;

    public CredentialStore(Func<string, string?> environment, string? dockerConfigDirectory, TimeSpan helperTimeout)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(helperTimeout, TimeSpan.Zero);
        this.environment = environment;
        this.dockerConfigDirectory = dockerConfigDirectory;
        this.helperTimeout = helperTimeout;
    }

    /// <summary>Reads the process's environment; Docker's folder is $DOCKER_CONFIG, else ~/.docker.</summary>
    public static CredentialStore FromEnvironment()
    {
        var folder = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(folder))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            folder = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".docker");
        }

        return new CredentialStore(Environment.GetEnvironmentVariable, folder, TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Finds the credential for <paramref name="registryHost"/> (<c>host</c> or <c>host:port</c>).
    /// Throws <see cref="GoImageException"/> when a configured source is broken, rather than silently
    /// going anonymous and failing later with a less helpful 401.
    /// </summary>
    public async Task<CredentialLookup> FindAsync(string registryHost, RegistryRole role, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registryHost);
        cancellationToken.ThrowIfCancellationRequested();

        var fromEnvironment = FindInEnvironment(role);
        if (fromEnvironment is not null)
        {
            return new CredentialLookup(fromEnvironment, []);
        }

        if (string.IsNullOrEmpty(dockerConfigDirectory))
        {
            return CredentialLookup.Anonymous;
        }

        var configPath = Path.Combine(dockerConfigDirectory, "config.json");
        if (!File.Exists(configPath))
        {
            return CredentialLookup.Anonymous;
        }

        var host = NormalizeHost(registryHost);
        var isDockerHub = DockerHubHosts.Contains(host, StringComparer.OrdinalIgnoreCase);
        var serverUrl = isDockerHub ? DockerHubServerUrl : host;

        using var config = await ReadConfigAsync(configPath, cancellationToken).ConfigureAwait(false);
        var root = config.RootElement;

        var credHelpers = GetObject(root, "credHelpers", configPath);
        if (credHelpers is { } helpers && FindEntry(helpers, host, isDockerHub) is { } helperEntry)
        {
            var name = helperEntry.Value.ValueKind == JsonValueKind.String
                ? helperEntry.Value.GetString()
                : throw Malformed(configPath, $"credHelpers[\"{helperEntry.Name}\"] is not a string");
            if (!string.IsNullOrEmpty(name))
            {
                return await RunHelperAsync(name, "credHelpers", serverUrl, host, configPath, cancellationToken).ConfigureAwait(false);
            }
        }

        if (root.TryGetProperty("credsStore", out var store))
        {
            var name = store.ValueKind == JsonValueKind.String
                ? store.GetString()
                : throw Malformed(configPath, "credsStore is not a string");
            if (!string.IsNullOrEmpty(name))
            {
                return await RunHelperAsync(name, "credsStore", serverUrl, host, configPath, cancellationToken).ConfigureAwait(false);
            }
        }

        var auths = GetObject(root, "auths", configPath);
        if (auths is { } authsObject && FindEntry(authsObject, host, isDockerHub) is { } authEntry)
        {
            var credential = ReadAuthEntry(authEntry, configPath);
            return credential is null ? CredentialLookup.Anonymous : new CredentialLookup(credential, []);
        }

        return CredentialLookup.Anonymous;
    }

    private RegistryCredential? FindInEnvironment(RegistryRole role)
    {
        var prefix = role == RegistryRole.Push ? "GOIMAGE_PUSH_REGISTRY_" : "GOIMAGE_PULL_REGISTRY_";
        var userVariable = prefix + "USERNAME";
        var passwordVariable = prefix + "PASSWORD";
        var user = environment(userVariable);
        var password = environment(passwordVariable);

        // CI systems often set an unavailable secret to the empty string, so empty counts as unset.
        var hasUser = !string.IsNullOrEmpty(user);
        var hasPassword = !string.IsNullOrEmpty(password);
        if (hasUser != hasPassword)
        {
            var (set, missing) = hasUser ? (userVariable, passwordVariable) : (passwordVariable, userVariable);
            throw new GoImageException(Diagnostic.CredentialEnvironmentIncomplete(set, missing));
        }

        return hasUser ? new RegistryCredential(user!, password!, $"environment variables {userVariable}/{passwordVariable}") : null;
    }

    private static async Task<JsonDocument> ReadConfigAsync(string configPath, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(configPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Malformed(configPath, e.Message);
        }

        JsonDocument document;
        try
        {
            // Windows editors save with a BOM, which JsonDocument rejects.
            var json = bytes.AsMemory();
            if (json.Span.StartsWith(Encoding.UTF8.Preamble))
            {
                json = json[Encoding.UTF8.Preamble.Length..];
            }

            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Malformed(configPath, e.Message);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw Malformed(configPath, "the top level is not a JSON object");
        }

        return document;
    }

    private static JsonElement? GetObject(JsonElement root, string name, string configPath)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Malformed(configPath, $"{name} is not a JSON object");
    }

    /// <summary>
    /// The entry for the host: an exact key first (as docker writes it), then any key that names the same
    /// host once its scheme and path are stripped (as older tools and hand edits write it).
    /// </summary>
    private static JsonProperty? FindEntry(JsonElement map, string host, bool isDockerHub)
    {
        var exactKey = isDockerHub ? DockerHubServerUrl : host;
        foreach (var property in map.EnumerateObject())
        {
            if (string.Equals(property.Name, exactKey, StringComparison.OrdinalIgnoreCase))
            {
                return property;
            }
        }

        foreach (var property in map.EnumerateObject())
        {
            var keyHost = NormalizeHost(property.Name);
            var matches = isDockerHub
                ? DockerHubHosts.Contains(keyHost, StringComparer.OrdinalIgnoreCase)
                : string.Equals(keyHost, host, StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>"https://host:5000/v1/" → "host:5000".</summary>
    private static string NormalizeHost(string key)
    {
        var text = key.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? text[..slash] : text;
    }

    private static RegistryCredential? ReadAuthEntry(JsonProperty entry, string configPath)
    {
        var source = $"auths in {configPath}";
        if (entry.Value.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(configPath, $"auths[\"{entry.Name}\"] is not a JSON object");
        }

        // An identity token replaces the password: registries exchange it for an access token.
        var token = GetString(entry, "identitytoken", configPath);
        if (!string.IsNullOrEmpty(token))
        {
            return new RegistryCredential(RegistryCredential.IdentityTokenUsername, token, source);
        }

        var auth = GetString(entry, "auth", configPath);
        if (!string.IsNullOrEmpty(auth))
        {
            // The reasons below never quote the value: it holds the password.
            var buffer = new byte[auth.Length];
            if (!Convert.TryFromBase64String(auth, buffer, out var length))
            {
                throw Malformed(configPath, $"auths[\"{entry.Name}\"].auth is not valid base64");
            }

            string decoded;
            try
            {
                decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
            }
            catch (DecoderFallbackException)
            {
                throw Malformed(configPath, $"auths[\"{entry.Name}\"].auth is not UTF-8 text once decoded");
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw Malformed(configPath, $"auths[\"{entry.Name}\"].auth does not decode to user:password");
            }

            return new RegistryCredential(decoded[..colon], decoded[(colon + 1)..], source);
        }

        var user = GetString(entry, "username", configPath);
        if (!string.IsNullOrEmpty(user))
        {
            return new RegistryCredential(user, GetString(entry, "password", configPath) ?? "", source);
        }

        // An empty entry ({}) is what docker login leaves behind when a credsStore holds the secret.
        return null;
    }

    private static string? GetString(JsonProperty entry, string name, string configPath)
    {
        if (!entry.Value.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Malformed(configPath, $"auths[\"{entry.Name}\"].{name} is not a string");
    }

    private async Task<CredentialLookup> RunHelperAsync(
        string name, string configKey, string serverUrl, string host, string configPath, CancellationToken cancellationToken)
    {
        // Docker runs docker-credential-<name> from PATH; a name with a path in it ("../x", "/tmp/x") would run anything.
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') || name is "." or "..")
        {
            return new CredentialLookup(null, [Diagnostic.CredentialHelperNameInvalid(name, configPath, host)]);
        }

        var program = FindOnPath("docker-credential-" + name);
        if (program is null)
        {
            return new CredentialLookup(null, [Diagnostic.CredentialHelperNotFound(name, configPath, host)]);
        }

        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // No BOM: helpers compare the server URL they read byte for byte.
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("get");

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new GoImageException(Diagnostic.CredentialHelperFailed(name, serverUrl, e.Message, configPath));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(helperTimeout);
        string output;
        string errors;
        try
        {
            var outputTask = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errorTask = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                // Docker writes the URL without a newline and closes stdin; helpers read to the end.
                await process.StandardInput.WriteAsync(serverUrl.AsMemory(), timeout.Token).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The helper exited without reading; its exit code tells what happened.
            }

            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            output = await outputTask.ConfigureAwait(false);
            errors = await errorTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A helper may start others (gpg for pass, a keychain agent); kill them all.
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            cancellationToken.ThrowIfCancellationRequested();
            var seconds = helperTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw new GoImageException(Diagnostic.CredentialHelperTimedOut(name, seconds, serverUrl, configPath));
        }

        if (process.ExitCode != 0)
        {
            // docker-credential-helpers print this on stdout when the store has no entry: not an error.
            if (output.Contains("credentials not found", StringComparison.OrdinalIgnoreCase)
                || errors.Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
            {
                return CredentialLookup.Anonymous;
            }

            throw new GoImageException(Diagnostic.CredentialHelperFailed(name, serverUrl, DescribeFailure(process.ExitCode, output, errors), configPath));
        }

        var credential = ParseHelperAnswer(output, name, serverUrl, configKey, configPath);
        return credential is null ? CredentialLookup.Anonymous : new CredentialLookup(credential, []);
    }

    /// <summary>
    /// stderr when there is any; otherwise stdout, where docker-credential-helpers print their errors,
    /// but only when short and not JSON, so a half-written answer holding the secret is never shown.
    /// </summary>
    private static string DescribeFailure(int exitCode, string output, string errors)
    {
        const int MaxLength = 300;
        var text = errors.Trim();
        if (text.Length == 0)
        {
            var candidate = output.Trim();
            if (candidate.Length <= MaxLength && !candidate.Contains('{', StringComparison.Ordinal))
            {
                text = candidate;
            }
        }

        if (text.Length > MaxLength)
        {
            text = text[..MaxLength] + "…";
        }

        return text.Length == 0 ? $"exit code {exitCode}" : $"exit code {exitCode}: {text}";
    }

    private static RegistryCredential? ParseHelperAnswer(string output, string name, string serverUrl, string configKey, string configPath)
    {
        string? user;
        string? secret;
        try
        {
            using var answer = JsonDocument.Parse(output);
            if (answer.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException();
            }

            user = ReadHelperField(answer.RootElement, "Username");
            secret = ReadHelperField(answer.RootElement, "Secret");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The answer may hold the secret, so the message describes it instead of quoting it.
            throw new GoImageException(Diagnostic.CredentialHelperAnswerInvalid(name, serverUrl, configPath));
        }

        if (string.IsNullOrEmpty(user) && string.IsNullOrEmpty(secret))
        {
            return null;
        }

        return new RegistryCredential(user ?? "", secret ?? "", $"credential helper docker-credential-{name} ({configKey} in {configPath})");
    }

    // GetString throws InvalidOperationException for a non-string, which the caller reports.
    private static string? ReadHelperField(JsonElement answer, string name) =>
        answer.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private string? FindOnPath(string program)
    {
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program } : [program];
        foreach (var folder in (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var fileName in names)
            {
                // Only absolute PATH entries: a relative one would resolve against whatever folder the build runs in.
                var candidate = Path.Combine(folder, fileName);
                if (Path.IsPathFullyQualified(folder) && File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static GoImageException Malformed(string configPath, string reason) =>
        new(Diagnostic.DockerConfigMalformed(configPath, reason));
}
