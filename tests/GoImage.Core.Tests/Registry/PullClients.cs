using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Registry;

namespace GoImage.Core.Tests.Registry;

/// <summary>Pull clients for a fake registry: anonymous, quick retries, so fault tests stay fast.</summary>
internal static class PullClients
{
    public static RegistryClient For(FakeRegistry registry, int maxManifestBytes = 4 << 20) => For(registry.Host, maxManifestBytes);

    public static RegistryClient For(string host, int maxManifestBytes = 4 << 20) => new(
        host,
        RegistryRole.Pull,
        new CredentialStore(_ => null, null, TimeSpan.FromSeconds(5)),
        new RegistryOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetries = 2, MaxManifestBytes = maxManifestBytes });
}
