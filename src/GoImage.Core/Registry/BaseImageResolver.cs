using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Registry;

/// <summary>
/// Turns ContainerBaseImage into blobs on disk. A tag is resolved once and pinned in goimage.lock.json;
/// later builds use the locked digest and, when the cache has every blob, never touch the network.
/// Every manifest, config and layer is checked against its digest before it is cached; layers are
/// never unpacked.
/// </summary>
public sealed class BaseImageResolver(BlobCache cache, Func<RegistryClient> connect) : IDisposable
{
    private readonly object _clientGate = new();
    private RegistryClient? _client;

    /// <summary>A resolver over the user's cache that, when it must, pulls from <paramref name="reference"/>'s registry with the environment's credentials.</summary>
    public static BaseImageResolver ForRegistry(string cacheDirectory, ImageReference reference, RegistryOptions options, Action<Diagnostic>? warn = null) =>
        new(new BlobCache(cacheDirectory, warn), () => new RegistryClient(reference.ApiHost, RegistryRole.Pull, CredentialStore.FromEnvironment(), options, warn));
    private int _downloaded;

    public async Task<BaseImage> ResolveAsync(BaseImageRequest request, CancellationToken cancellationToken)
    {
        if (request.Refresh && request.LockedMode)
        {
            throw new GoImageException(Diagnostic.BaseImageLockedRefresh(request.LockFilePath));
        }

        var reference = request.Reference;
        var named = reference.ToString();
        var locked = BaseImageLockFile.Read(request.LockFilePath);
        var lockMatches = locked is not null && locked.Reference == named && (reference.Digest is null || locked.Digest == reference.Digest);
        if (request.LockedMode && !lockMatches)
        {
            throw new GoImageException(locked is null
                ? Diagnostic.BaseImageLockMissing(request.LockFilePath)
                : Diagnostic.BaseImageLockMismatch(request.LockFilePath, locked.Reference, named));
        }

        Digest digest;
        var lockWritten = false;
        if (lockMatches && !request.Refresh)
        {
            digest = locked!.Digest;
        }
        else
        {
            digest = reference.Digest ?? await ResolveTagAsync(reference, cancellationToken).ConfigureAwait(false);
            lockWritten = true;
        }

        // The lock is written only once the base has every platform and every blob checked: never a lock to a broken base.
        var image = await LoadAsync(reference.WithDigest(digest), request.Platforms, cancellationToken).ConfigureAwait(false);
        if (lockWritten)
        {
            BaseImageLockFile.Write(request.LockFilePath, new BaseImageLock(named, digest));
        }

        return image with { LockWritten = lockWritten };
    }

    /// <summary>Loads a pinned base (from the cache when it has everything, else from the registry).</summary>
    public async Task<BaseImage> LoadAsync(ImageReference pinned, IReadOnlyList<ImagePlatform> platforms, CancellationToken cancellationToken)
    {
        var digest = pinned.Digest ?? throw new ArgumentException("The reference must carry a digest.", nameof(pinned));
        try
        {
            var root = await ManifestAsync(pinned, digest, cancellationToken).ConfigureAwait(false);
            var parts = new List<BasePlatformImage>();
            foreach (var platform in platforms)
            {
                parts.Add(await PlatformAsync(pinned, root, digest, platform, cancellationToken).ConfigureAwait(false));
            }

            return new BaseImage(pinned, digest, parts) { Downloaded = _downloaded };
        }
        catch (GoImageException e) when (e.Diagnostic.Code is Diagnostic.Codes.RegistryUnreachable or Diagnostic.Codes.RegistryRetriesExhausted or Diagnostic.Codes.RegistryTimedOut)
        {
            throw new GoImageException(Diagnostic.BaseImageOffline(pinned with { Digest = null }, digest, cache.Directory, e.Diagnostic.Message));
        }
    }

    public void Dispose() => _client?.Dispose();

    /// <summary>Connects on first use, so a build served by the cache never does; layers are fetched in parallel, hence the lock.</summary>
    private RegistryClient Client
    {
        get
        {
            lock (_clientGate)
            {
                return _client ??= connect();
            }
        }
    }

    private async Task<Digest> ResolveTagAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        var manifest = await Client.GetManifestAsync(reference.Repository, reference.Reference, cancellationToken).ConfigureAwait(false);
        await cache.AddBytesAsync(manifest.Digest, manifest.Bytes).ConfigureAwait(false);
        Interlocked.Increment(ref _downloaded);
        return manifest.Digest;
    }

    private async Task<ManifestDocument> ManifestAsync(ImageReference reference, Digest digest, CancellationToken cancellationToken)
    {
        byte[] bytes;
        if (cache.Contains(digest))
        {
            bytes = await File.ReadAllBytesAsync(cache.PathOf(digest), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var manifest = await Client.GetManifestAsync(reference.Repository, digest.ToString(), cancellationToken).ConfigureAwait(false);
            await cache.AddBytesAsync(manifest.Digest, manifest.Bytes).ConfigureAwait(false);
            bytes = manifest.Bytes;
            Interlocked.Increment(ref _downloaded);
        }

        try
        {
            return ManifestDocument.Parse(bytes, null);
        }
        catch (FormatException e)
        {
            throw new GoImageException(Diagnostic.BaseImageUnsupported($"{reference}@{digest}", e.Message));
        }
    }

    private async Task<BasePlatformImage> PlatformAsync(ImageReference reference, ManifestDocument root, Digest rootDigest, ImagePlatform platform, CancellationToken cancellationToken)
    {
        var manifest = root;
        var manifestDigest = rootDigest;
        if (root.IsIndex)
        {
            // buildx lists its attestations as unknown/unknown: not a platform anyone could pick.
            var entry = Pick(root.Manifests, platform)
                ?? throw new GoImageException(Diagnostic.BaseImagePlatformMissing(reference, platform,
                    string.Join(", ", root.Manifests.Where(m => m.Platform is { Os: not "unknown", Architecture: not "unknown" }).Select(m => m.Platform!.ToString()).Distinct())));
            manifestDigest = entry.Digest;
            manifest = await ManifestAsync(reference, entry.Digest, cancellationToken).ConfigureAwait(false);
        }

        if (manifest.IsIndex || manifest.Config is null
            || manifest.MediaType is not (MediaTypes.ImageManifest or DockerMediaTypes.Manifest))
        {
            throw new GoImageException(Diagnostic.BaseManifestMediaTypeUnsupported(reference, platform, manifest.MediaType));
        }

        var configPath = await BlobAsync(reference, manifest.Config, cancellationToken).ConfigureAwait(false);
        BaseImageConfig config;
        try
        {
            config = BaseImageConfig.Parse(await File.ReadAllBytesAsync(configPath, cancellationToken).ConfigureAwait(false));
        }
        catch (FormatException e)
        {
            throw new GoImageException(Diagnostic.BaseImageUnsupported(reference, e.Message));
        }

        if (!root.IsIndex && (config.Platform.Os != platform.Os || config.Platform.Architecture != platform.Architecture))
        {
            throw new GoImageException(Diagnostic.BaseImagePlatformMissing(reference, platform, config.Platform));
        }

        if (config.DiffIds.Count != manifest.Layers.Count)
        {
            throw new GoImageException(Diagnostic.BaseLayerCountMismatch(reference, config.DiffIds.Count, manifest.Layers.Count));
        }

        var layers = new Layer[manifest.Layers.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, layers.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var descriptor = manifest.Layers[i];
                var mediaType = LayerMediaType(reference, descriptor.MediaType);
                var path = await BlobAsync(reference, descriptor, token).ConfigureAwait(false);
                layers[i] = new Layer($"{reference.Repository} layer {i + 1}", path, descriptor.Digest, descriptor.Size, config.DiffIds[i]) { MediaType = mediaType };
            }).ConfigureAwait(false);
        return new BasePlatformImage(platform, manifestDigest, layers, config);
    }

    private async Task<string> BlobAsync(ImageReference reference, Descriptor descriptor, CancellationToken cancellationToken)
    {
        if (cache.Contains(descriptor.Digest))
        {
            return cache.PathOf(descriptor.Digest);
        }

        Interlocked.Increment(ref _downloaded);
        return await cache.AddAsync(descriptor.Digest, output => Client.DownloadBlobAsync(reference.Repository, descriptor, output, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// The platform's entry: the exact variant first, else one that means the same once a missing variant is read as the
    /// architecture's default (containerd's rule), so linux/arm64/v8 finds an index's plain linux/arm64 and the reverse.
    /// </summary>
    private static Descriptor? Pick(IReadOnlyList<Descriptor> manifests, ImagePlatform platform)
    {
        var candidates = manifests
            .Where(m => m.Platform is not null && m.Platform.Os == platform.Os && m.Platform.Architecture == platform.Architecture)
            .ToList();
        var wanted = VariantOrDefault(platform.Architecture, platform.Variant);
        return candidates.FirstOrDefault(m => m.Platform!.Variant == platform.Variant)
            ?? candidates.FirstOrDefault(m => VariantOrDefault(m.Platform!.Architecture, m.Platform.Variant) == wanted);
    }

    private static string? VariantOrDefault(string architecture, string? variant) => variant ?? architecture switch
    {
        "arm64" => "v8",
        "amd64" => "v1",
        "arm" => "v7",
        _ => null,
    };

    /// <summary>Docker's gzip layer is byte-for-byte an OCI gzip layer; the OCI name keeps the output manifest valid.</summary>
    private static string LayerMediaType(ImageReference reference, string mediaType) => mediaType switch
    {
        DockerMediaTypes.LayerGzip => MediaTypes.LayerGzip,
        MediaTypes.LayerGzip or "application/vnd.oci.image.layer.v1.tar" or MediaTypes.LayerZstd => mediaType,
        _ => throw new GoImageException(Diagnostic.BaseLayerMediaTypeUnsupported(reference, mediaType)),
    };
}
