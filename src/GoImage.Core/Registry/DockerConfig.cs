using System.Text;
using System.Text.Json;
using GoImage.Diagnostics;

namespace GoImage.Registry;

/// <summary>
/// Docker's config.json as the docker CLI reads it for credentials: <c>credHelpers</c> (per registry),
/// <c>credsStore</c> (for all) and <c>auths</c> (inline credentials). A malformed file is GOI3050, never a
/// silent fall back to anonymous; messages never quote a value that may hold a password.
/// </summary>
public sealed class DockerConfig
{
    private readonly JsonElement root;

    private DockerConfig(string path, JsonElement root)
    {
        Path = path;
        this.root = root;
    }

    /// <summary>The config.json file, named in messages and credential sources.</summary>
    public string Path { get; }

    /// <summary>Docker's folder: $DOCKER_CONFIG, else ~/.docker; null when there is no home folder.</summary>
    public static string? DefaultDirectory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var folder = environment("DOCKER_CONFIG");
        if (!string.IsNullOrEmpty(folder))
        {
            return folder;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : System.IO.Path.Combine(home, ".docker");
    }

    /// <summary>Reads <c>config.json</c> in <paramref name="directory"/>; null when there is no such file.</summary>
    public static async Task<DockerConfig?> ReadAsync(string? directory, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        var path = System.IO.Path.Combine(directory, "config.json");
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Malformed(path, e.Message);
        }

        JsonElement root;
        try
        {
            // Windows editors save with a BOM, which the JSON reader rejects.
            var json = bytes.AsMemory();
            if (json.Span.StartsWith(Encoding.UTF8.Preamble))
            {
                json = json[Encoding.UTF8.Preamble.Length..];
            }

            // Cloned out of the document: the file is small and read once per registry client.
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Malformed(path, e.Message);
        }

        return root.ValueKind == JsonValueKind.Object ? new DockerConfig(path, root) : throw Malformed(path, "the top level is not a JSON object");
    }

    /// <summary>The helper to ask for <paramref name="server"/>: its credHelpers entry, else the credsStore; null for neither.</summary>
    public CredentialHelperEntry? FindHelper(DockerServerAddress server)
    {
        if (GetObject("credHelpers") is { } helpers && FindEntry(helpers, server) is { } entry)
        {
            var name = entry.Value.ValueKind == JsonValueKind.String
                ? entry.Value.GetString()
                : throw Malformed(Path, $"credHelpers[\"{entry.Name}\"] is not a string");
            if (!string.IsNullOrEmpty(name))
            {
                return new CredentialHelperEntry(name, "credHelpers");
            }
        }

        if (root.TryGetProperty("credsStore", out var store))
        {
            var name = store.ValueKind == JsonValueKind.String
                ? store.GetString()
                : throw Malformed(Path, "credsStore is not a string");
            if (!string.IsNullOrEmpty(name))
            {
                return new CredentialHelperEntry(name, "credsStore");
            }
        }

        return null;
    }

    /// <summary>The credential in <c>auths</c> for <paramref name="server"/>; null when there is none or its entry is empty.</summary>
    public RegistryCredential? FindAuth(DockerServerAddress server) =>
        GetObject("auths") is { } auths && FindEntry(auths, server) is { } entry ? ReadAuthEntry(entry) : null;

    private JsonElement? GetObject(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Malformed(Path, $"{name} is not a JSON object");
    }

    /// <summary>The entry for the server: an exact key first (as docker writes it), then any key that names the same host.</summary>
    private static JsonProperty? FindEntry(JsonElement map, DockerServerAddress server)
    {
        foreach (var property in map.EnumerateObject())
        {
            if (string.Equals(property.Name, server.ServerUrl, StringComparison.OrdinalIgnoreCase))
            {
                return property;
            }
        }

        foreach (var property in map.EnumerateObject())
        {
            if (server.IsNamedBy(property.Name))
            {
                return property;
            }
        }

        return null;
    }

    private RegistryCredential? ReadAuthEntry(JsonProperty entry)
    {
        var source = $"auths in {Path}";
        if (entry.Value.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(Path, $"auths[\"{entry.Name}\"] is not a JSON object");
        }

        // An identity token replaces the password: registries exchange it for an access token.
        var token = GetString(entry, "identitytoken");
        if (!string.IsNullOrEmpty(token))
        {
            return new RegistryCredential(RegistryCredential.IdentityTokenUsername, token, source);
        }

        var auth = GetString(entry, "auth");
        if (!string.IsNullOrEmpty(auth))
        {
            // The reasons below never quote the value: it holds the password.
            var buffer = new byte[auth.Length];
            if (!Convert.TryFromBase64String(auth, buffer, out var length))
            {
                throw Malformed(Path, $"auths[\"{entry.Name}\"].auth is not valid base64");
            }

            string decoded;
            try
            {
                decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
            }
            catch (DecoderFallbackException)
            {
                throw Malformed(Path, $"auths[\"{entry.Name}\"].auth is not UTF-8 text once decoded");
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw Malformed(Path, $"auths[\"{entry.Name}\"].auth does not decode to user:password");
            }

            return new RegistryCredential(decoded[..colon], decoded[(colon + 1)..], source);
        }

        var user = GetString(entry, "username");
        if (!string.IsNullOrEmpty(user))
        {
            return new RegistryCredential(user, GetString(entry, "password") ?? "", source);
        }

        // An empty entry ({}) is what docker login leaves behind when a credsStore holds the secret.
        return null;
    }

    private string? GetString(JsonProperty entry, string name)
    {
        if (!entry.Value.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Malformed(Path, $"auths[\"{entry.Name}\"].{name} is not a string");
    }

    private static GoImageException Malformed(string path, string reason) =>
        new(Diagnostic.DockerConfigMalformed(path, reason));
}
