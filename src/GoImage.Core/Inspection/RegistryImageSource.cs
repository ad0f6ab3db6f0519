using System.Net;
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
    public async Task<IReadOnlyList<Descriptor>> FindReferrersAsync(Digest subject, string artifactType, CancellationToken cancellationToken)
    {
        var scope = new RegistryScope(_image.Repository, Push: false);
        var api = new RegistryRequest(
            HttpMethod.Get,
            $"/v2/{_image.Repository}/referrers/{subject}?artifactType={Uri.EscapeDataString(artifactType)}",
            scope,
            $"listing the referrers of {subject.ToShortString()} in {_image.Repository}")
        {
            Accept = [MediaTypes.ImageIndex],
        };
        var listed = await ReadIndexAsync(api, cancellationToken).ConfigureAwait(false);
        if (listed is null)
        {
            var fallback = new RegistryRequest(
                HttpMethod.Get,
                $"/v2/{_image.Repository}/manifests/{LayoutIndex.ReferrersTag(subject)}",
                scope,
                $"fetching the referrers tag {LayoutIndex.ReferrersTag(subject)} of {_image.Repository}")
            {
                Accept = [MediaTypes.ImageIndex],
            };
            listed = await ReadIndexAsync(fallback, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return listed is null ? [] : ReferrersIndex.Filter(listed, artifactType);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw new GoImageException(Diagnostic.Error("ImageBlobInvalid", "referrers index", subject, Reference, e.Message));
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The body of a 200; null for a 404 (no such API, or no such tag).</summary>
    private async Task<byte[]?> ReadIndexAsync(RegistryRequest request, CancellationToken cancellationToken)
    {
        var transport = _client.Transport;
        using var response = await transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await transport.RejectedAsync(response, request, "", cancellationToken).ConfigureAwait(false);
        }

        return await transport.ReadBytesAsync(response, transport.Options.MaxManifestBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new GoImageException(Diagnostic.Error("ManifestTooLarge", _client.Registry, request.Target, transport.Options.MaxManifestBytes));
    }
}
