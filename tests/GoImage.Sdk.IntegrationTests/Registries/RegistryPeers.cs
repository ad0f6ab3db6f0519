using System.Security.Cryptography;
using System.Text;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>skopeo and podman reading a test registry: the independent judges of what a push left there.</summary>
internal static class RegistryPeers
{
    /// <summary>The digest of the manifest or index the registry serves for <paramref name="reference"/> (repo:tag), as skopeo reads it.</summary>
    public static string ManifestDigest(RegistryServer registry, string reference)
    {
        var raw = Peers.Skopeo(["inspect", .. TlsOptions(registry), "--raw", $"docker://{registry.Host}/{reference}"]);
        Peers.Expect(raw);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw.Output.TrimEnd('\n'))));
    }

    /// <summary>Whether the registry has <paramref name="reference"/> at all.</summary>
    public static bool Exists(RegistryServer registry, string reference) =>
        Peers.Skopeo(["inspect", .. TlsOptions(registry), "--raw", $"docker://{registry.Host}/{reference}"]).Succeeded;

    public static string[] TlsOptions(RegistryServer registry) => registry.CertificateDirectory is { } certificates
        ? ["--cert-dir", certificates, .. Credentials(registry)]
        : ["--tls-verify=false", .. Credentials(registry)];

    private static string[] Credentials(RegistryServer registry) =>
        registry.UserName is null ? [] : ["--creds", $"{registry.UserName}:{registry.Password}"];
}
