using GoImage.Diagnostics;

namespace GoImage.Registry;

/// <summary>
/// Finds the credential for a registry the way CI and the docker CLI keep them: the GOIMAGE_*_REGISTRY_*
/// environment variables, then Docker's config.json (<see cref="DockerConfig"/>: credHelpers, credsStore,
/// auths), asking the docker-credential-* programs it names through <see cref="CredentialHelper"/>.
/// </summary>
public sealed class CredentialStore
{
    private readonly Func<string, string?> environment;
    private readonly string? dockerConfigDirectory;
    private readonly CredentialHelper helper;

    public CredentialStore(Func<string, string?> environment, string? dockerConfigDirectory, TimeSpan helperTimeout)
    {
        ArgumentNullException.ThrowIfNull(environment);
        this.environment = environment;
        this.dockerConfigDirectory = dockerConfigDirectory;
        helper = new CredentialHelper(environment, helperTimeout);
    }

    /// <summary>Reads the process's environment; Docker's folder is $DOCKER_CONFIG, else ~/.docker.</summary>
    public static CredentialStore FromEnvironment() =>
        new(Environment.GetEnvironmentVariable, DockerConfig.DefaultDirectory(Environment.GetEnvironmentVariable), TimeSpan.FromSeconds(30));

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

        var config = await DockerConfig.ReadAsync(dockerConfigDirectory, cancellationToken).ConfigureAwait(false);
        if (config is null)
        {
            return CredentialLookup.Anonymous;
        }

        var server = DockerServerAddress.For(registryHost);
        if (config.FindHelper(server) is { } entry)
        {
            return await helper.GetAsync(entry, server, config.Path, cancellationToken).ConfigureAwait(false);
        }

        var credential = config.FindAuth(server);
        return credential is null ? CredentialLookup.Anonymous : new CredentialLookup(credential, []);
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
}
