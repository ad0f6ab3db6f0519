using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Registry;

namespace GoImage.Inspection;

/// <summary>An image in a registry, read with the same <see cref="RegistryClient"/> the SDK pulls base images with (OCI and Docker v2 types).</summary>
public sealed class RegistryImageSource : IImageSource
{
    private readonly RegistryClient _client;
    private readonly ImageReference _image;

    public RegistryImageSource(RegistryClient client, ImageReference image)
    {
        _client = client;
        _image = image;
    }

    public string Reference => _image.ToString();

    /// <summary>A pull client for <paramref name="image"/>: credentials from the environment and Docker's config; <paramref name="insecure"/> allows plain HTTP beyond loopback.</summary>
    public static RegistryImageSource Open(ImageReference image, bool insecure, Action<Diagnostic> warn)
    {
        var options = new RegistryOptions { InsecureRegistries = insecure ? [image.ApiHost, image.Registry] : [] };
        return new RegistryImageSource(new RegistryClient(image.ApiHost, RegistryRole.Pull, CredentialStore.FromEnvironment(), options, warn), image);
    }

    public Task<ManifestContent> ReadRootAsync(CancellationToken cancellationToken) =>
        _client.GetManifestAsync(_image.Repository, _image.Reference, cancellationToken);

    public async Task<byte[]> ReadBlobAsync(Descriptor blob, CancellationToken cancellationToken)
    {
        // Manifests live under /manifests/, everything else under /blobs/.
        if (blob.MediaType is MediaTypes.ImageManifest or MediaTypes.ImageIndex or DockerMediaTypes.Manifest or DockerMediaTypes.ManifestList)
        {
            return (await _client.GetManifestAsync(_image.Repository, blob.Digest.ToString(), cancellationToken).ConfigureAwait(false)).Bytes;
        }

        using var buffer = new MemoryStream();
        await _client.DownloadBlobAsync(_image.Repository, blob, buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>The referrers API first; a registry without it (404) keeps them under the fallback tag <c>sha256-&lt;hex&gt;</c>.</summary>
    public async Task<IReadOnlyList<Descriptor>> FindReferrersAsync(Digest subject, string? artifactType, CancellationToken cancellationToken)
    {
        var listed = await _client.FindReferrersAsync(_image.Repository, subject, artifactType, cancellationToken).ConfigureAwait(false)
            ?? (await _client.FindManifestAsync(_image.Repository, ImageReferrer.FallbackTag(subject), cancellationToken).ConfigureAwait(false))?.Bytes;
        try
        {
            return listed is null ? [] : ImageReferrer.Listed(ManifestDocument.ParseIndex(listed, "the referrers index"), artifactType);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw new GoImageException(Diagnostic.ImageBlobInvalid("referrers index", subject, Reference, e.Message));
        }
    }

    public Task<ManifestContent?> FindTaggedAsync(string tag, CancellationToken cancellationToken) =>
        _client.FindManifestAsync(_image.Repository, tag, cancellationToken);

    public void Dispose() => _client.Dispose();
}
