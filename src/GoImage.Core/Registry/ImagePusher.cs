using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layouts;

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
        OciLayout layout,
        Digest indexDigest,
        string repository,
        IReadOnlyList<string> tags,
        IReadOnlyDictionary<Digest, string> mountSources,
        PushRecord? record,
        IProgress<BlobPushed>? progress,
        CancellationToken cancellationToken)
    {
        // A record of the last push to this repository spares a HEAD per blob, once the registry shows it still has
        // that push's index. If a manifest is then refused (a blob the record named is gone after all), the record
        // is forgotten and the push runs again asking for every blob.
        var known = record?.Read(client.Registry, repository);
        IReadOnlySet<Digest> present = known is { } last && await client.ManifestExistsAsync(repository, last.Index, cancellationToken).ConfigureAwait(false)
            ? last.Present
            : new HashSet<Digest>();
        if (known is not null && present.Count == 0)
        {
            record!.Forget(client.Registry, repository);
        }

        ImagePushResult result;
        try
        {
            result = await PushAsync(client, layout, indexDigest, repository, tags, mountSources, present, progress, cancellationToken).ConfigureAwait(false);
        }
        // GOI3007: the registry rejected a request (MANIFEST_BLOB_UNKNOWN among others); nothing else is worth a second run.
        catch (GoImageException e) when (present.Count > 0 && e.Diagnostic.Code == "GOI3007")
        {
            record!.Forget(client.Registry, repository);
            result = await PushAsync(client, layout, indexDigest, repository, tags, mountSources, new HashSet<Digest>(), progress, cancellationToken).ConfigureAwait(false);
        }

        record?.Write(client.Registry, repository, indexDigest, result.Pushed);
        return result;
    }

    private static async Task<ImagePushResult> PushAsync(
        RegistryClient client,
        OciLayout layout,
        Digest indexDigest,
        string repository,
        IReadOnlyList<string> tags,
        IReadOnlyDictionary<Digest, string> mountSources,
        IReadOnlySet<Digest> present,
        IProgress<BlobPushed>? progress,
        CancellationToken cancellationToken)
    {
        var index = layout.ReadBlob(indexDigest, "image index");
        var indexDocument = layout.ParseManifest(indexDigest, index, null, "image index");
        var manifests = indexDocument.Manifests
            .Select(d => ImageBlob.Create(d.MediaType, layout.ReadBlob(d, "manifest")))
            .ToList();
        var subjects = manifests.Select(m => m.Descriptor.Digest).Append(indexDigest).ToHashSet();
        var referrers = layout.Referrers(subjects);
        var signatures = layout.TaggedManifests(subjects);
        var blobs = manifests
            .Concat(referrers.SelectMany(r => r.Manifests))
            .Concat(signatures.Select(s => s.Manifest))
            .Select(m => layout.ParseManifest(m.Descriptor.Digest, m.Content, null))
            .SelectMany(m => m.Layers.Prepend(m.Config!))
            .DistinctBy(d => d.Digest)
            .ToList();

        // Every blob that may be sent is hashed before the first request: a layout changed on disk (after it was signed,
        // say) pushes nothing. Blobs the push record knows the registry holds are never read, so they need no hashing.
        layout.VerifyBlobs(blobs.Where(b => !present.Contains(b.Digest)).ToList(), cancellationToken);

        var counts = new int[3];
        long bytes = 0;
        await Parallel.ForEachAsync(
            blobs,
            new ParallelOptions { MaxDegreeOfParallelism = client.Transport.Options.Parallelism, CancellationToken = cancellationToken },
            async (blob, token) =>
            {
                var outcome = present.Contains(blob.Digest) ? BlobPushOutcome.AlreadyPresent : await client.PushBlobAsync(
                    repository,
                    blob,
                    () => layout.OpenBlob(blob),
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
        // Manifests go up even when the push record says the registry has them: a manifest a registry refuses is how a
        // lost blob shows (the record is then forgotten and the push runs again).
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
            Pushed = blobs.Select(b => b.Digest).Concat(manifests.Select(m => m.Descriptor.Digest)).Append(indexDigest).ToList(),
        };
    }

    // Referrer manifests go up after their subjects. A registry with the referrers API says so with
    // OCI-Subject; for one without it, the fallback tag sha256-<hex> lists them, merged with what it
    // already lists (other tools' signatures, an earlier SBOM), as the distribution spec describes.
    private static async Task<IReadOnlyList<string>> PushReferrersAsync(
        RegistryClient client, string repository, IReadOnlyList<LayoutReferrers> referrers, CancellationToken cancellationToken)
    {
        // Subjects are independent (each its own manifests and fallback tag): they go together, in the order listed.
        var tags = await Task.WhenAll(referrers.Select(subject => PushReferrersAsync(client, repository, subject, cancellationToken))).ConfigureAwait(false);
        return tags.OfType<string>().ToList();
    }

    // The subject's fallback tag when the registry has no referrers API, else null.
    private static async Task<string?> PushReferrersAsync(RegistryClient client, string repository, LayoutReferrers subject, CancellationToken cancellationToken)
    {
        var indexed = await Task.WhenAll(subject.Manifests.Select(m => client.PutManifestAsync(repository, m.Descriptor.Digest.ToString(), m, cancellationToken))).ConfigureAwait(false);
        if (indexed.All(i => i))
        {
            return null;
        }

        var tag = ImageReferrer.FallbackTag(subject.Subject);
        var existing = await client.FindManifestAsync(repository, tag, cancellationToken).ConfigureAwait(false);
        var listed = existing is null ? [] : ParseFallback(existing, repository, tag).Manifests;
        var merged = listed.Concat(subject.Manifests.Select(m => m.Descriptor).Where(d => listed.All(l => l.Digest != d.Digest))).ToList();
        if (merged.Count != listed.Count)
        {
            await client.PutManifestAsync(repository, tag, ImageReferrer.Index(merged), cancellationToken).ConfigureAwait(false);
        }

        return tag;
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
            throw new GoImageException(Diagnostic.ReferrersTagNotIndex(repository, tag, e.Message));
        }
    }
}
