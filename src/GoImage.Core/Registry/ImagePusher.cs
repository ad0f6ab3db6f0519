using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Registry;

/// <summary>
/// Pushes a multi-platform image from an OCI layout in the order that keeps a registry consistent:
/// every blob (in parallel), then each platform's manifest by digest, then the index by digest, and
/// only then the tags. A failure at any step leaves every tag where it was.
/// </summary>
public static class ImagePusher
{
    public static async Task<ImagePushResult> PushAsync(
        RegistryClient client,
        string layoutPath,
        Digest indexDigest,
        string repository,
        IReadOnlyList<string> tags,
        IReadOnlyDictionary<Digest, string> mountSources,
        IProgress<BlobPushed>? progress,
        CancellationToken cancellationToken)
    {
        var index = ReadBlob(layoutPath, indexDigest);
        var indexDocument = Parse(index, indexDigest);
        var manifests = indexDocument.Manifests
            .Select(d => ImageBlob.Create(d.MediaType, ReadBlob(layoutPath, d.Digest)))
            .ToList();
        var subjects = manifests.Select(m => m.Descriptor.Digest).Append(indexDigest).ToHashSet();
        var referrers = LayoutReferrers.Read(layoutPath, subjects, digest => ReadBlob(layoutPath, digest));
        var signatures = LayoutTaggedManifest.Read(layoutPath, subjects, digest => ReadBlob(layoutPath, digest));
        var blobs = manifests
            .Concat(referrers.SelectMany(r => r.Manifests))
            .Concat(signatures.Select(s => s.Manifest))
            .Select(m => Parse(m.Content, m.Descriptor.Digest))
            .SelectMany(m => m.Layers.Prepend(m.Config!))
            .DistinctBy(d => d.Digest)
            .ToList();

        // A layer missing or cut short would fail mid-upload as a network error and be retried in vain.
        foreach (var blob in blobs)
        {
            CheckBlobFile(layoutPath, blob);
        }

        var counts = new int[3];
        long bytes = 0;
        await Parallel.ForEachAsync(
            blobs,
            new ParallelOptions { MaxDegreeOfParallelism = client.Transport.Options.Parallelism, CancellationToken = cancellationToken },
            async (blob, token) =>
            {
                var outcome = await client.PushBlobAsync(
                    repository,
                    blob,
                    () => File.OpenRead(BlobPath(layoutPath, blob.Digest)),
                    mountSources.TryGetValue(blob.Digest, out var from) ? from : null,
                    null,
                    token).ConfigureAwait(false);
                Interlocked.Increment(ref counts[(int)outcome]);
                if (outcome == BlobPushOutcome.Uploaded)
                {
                    Interlocked.Add(ref bytes, blob.Size);
                }

                progress?.Report(new BlobPushed(blob, outcome));
            }).ConfigureAwait(false);

        // Each step waits for the one before (a manifest must find its blobs, a tag its index); within a step, requests go together.
        await Task.WhenAll(manifests.Select(m => client.PutManifestAsync(repository, m.Descriptor.Digest.ToString(), m, cancellationToken))).ConfigureAwait(false);
        var indexBlob = ImageBlob.Create(indexDocument.MediaType, index);
        await client.PutManifestAsync(repository, indexDigest.ToString(), indexBlob, cancellationToken).ConfigureAwait(false);
        var fallbackTags = await PushReferrersAsync(client, repository, referrers, cancellationToken).ConfigureAwait(false);
        // cosign's .sig and .att tags go up before the image's tags move, so a policy never sees the image unsigned.
        await Task.WhenAll(signatures.Select(s => client.PutManifestAsync(repository, s.Tag, s.Manifest, cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(tags.Select(tag => client.PutManifestAsync(repository, tag, indexBlob, cancellationToken))).ConfigureAwait(false);

        return new ImagePushResult(
            indexDigest,
            counts[(int)BlobPushOutcome.Uploaded],
            counts[(int)BlobPushOutcome.AlreadyPresent],
            counts[(int)BlobPushOutcome.Mounted],
            bytes)
        {
            Referrers = referrers.Sum(r => r.Manifests.Count),
            FallbackTags = fallbackTags,
        };
    }

    // Referrer manifests go up after their subjects. A registry with the referrers API says so with
    // OCI-Subject; for one without it, the fallback tag sha256-<hex> lists them, merged with what it
    // already lists (other tools' signatures, an earlier SBOM), as the distribution spec describes.
    private static async Task<IReadOnlyList<string>> PushReferrersAsync(
        RegistryClient client, string repository, IReadOnlyList<LayoutReferrers> referrers, CancellationToken cancellationToken)
    {
        var fallbackTags = new List<string>();
        foreach (var subject in referrers)
        {
            var indexed = await Task.WhenAll(subject.Manifests.Select(m => client.PutManifestAsync(repository, m.Descriptor.Digest.ToString(), m, cancellationToken))).ConfigureAwait(false);
            if (indexed.All(i => i))
            {
                continue;
            }

            var tag = ImageReferrer.FallbackTag(subject.Subject);
            var existing = await client.FindManifestAsync(repository, tag, cancellationToken).ConfigureAwait(false);
            var listed = existing is null ? [] : ParseFallback(existing, repository, tag).Manifests;
            var merged = listed.Concat(subject.Manifests.Select(m => m.Descriptor).Where(d => listed.All(l => l.Digest != d.Digest))).ToList();
            if (merged.Count != listed.Count)
            {
                await client.PutManifestAsync(repository, tag, ImageReferrer.Index(merged), cancellationToken).ConfigureAwait(false);
            }

            fallbackTags.Add(tag);
        }

        return fallbackTags;
    }

    private static ManifestDocument ParseFallback(ManifestContent content, string repository, string tag)
    {
        try
        {
            var document = ManifestDocument.Parse(content.Bytes, content.MediaType);
            return document.IsIndex ? document : throw new FormatException($"it is a {document.MediaType}, not an image index");
        }
        catch (FormatException e)
        {
            throw new GoImageException(Diagnostic.Error("ImagePushFailed", tag, $"{repository}:{tag} should list the image's referrers, but {e.Message}; delete that tag or push to another repository"));
        }
    }

    private static ManifestDocument Parse(byte[] content, Digest digest)
    {
        try
        {
            return ManifestDocument.Parse(content, null);
        }
        catch (FormatException e)
        {
            throw new GoImageException(Diagnostic.Error("ImagePushFailed", digest, $"the layout's blob {digest} is not a manifest: {e.Message}"));
        }
    }

    private static byte[] ReadBlob(string layoutPath, Digest digest)
    {
        var path = BlobPath(layoutPath, digest);
        if (!File.Exists(path))
        {
            throw new GoImageException(Diagnostic.Error("ImagePushFailed", digest, $"{path} is missing from the image layout; publish again to rewrite it"));
        }

        var bytes = File.ReadAllBytes(path);
        if (Digest.Of(bytes) != digest)
        {
            throw new GoImageException(Diagnostic.Error("ImagePushFailed", digest, $"{path} does not match its digest; publish again to rewrite the layout"));
        }

        return bytes;
    }

    private static void CheckBlobFile(string layoutPath, Descriptor blob)
    {
        var file = new FileInfo(BlobPath(layoutPath, blob.Digest));
        if (!file.Exists)
        {
            throw new GoImageException(Diagnostic.Error("ImagePushFailed", blob.Digest, $"{file.FullName} is missing from the image layout; publish again to rewrite it"));
        }

        if (file.Length != blob.Size)
        {
            throw new GoImageException(Diagnostic.Error(
                "ImagePushFailed", blob.Digest, $"{file.FullName} has {file.Length} bytes, not the {blob.Size} its descriptor names; publish again to rewrite the layout"));
        }
    }

    private static string BlobPath(string layoutPath, Digest digest) => Path.Combine(layoutPath, "blobs", "sha256", digest.Hex);
}
