using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Signing;

namespace GoImage.Inspection;

/// <summary>
/// Checks an image's cosign signatures and attestations with a public key, wherever the image is (a layout or
/// a registry): for the index and each platform manifest, the <c>.sig</c> payload's signature and the digest it
/// names; every <c>.att</c> DSSE signature; every Sigstore bundle referrer; and that each statement's subjects
/// are the image's own manifests. A manifest with no valid signature fails the check.
/// </summary>
public static class SignatureVerifier
{
    public static async Task<IReadOnlyList<SignatureCheck>> VerifyAsync(IImageSource source, VerificationKey key, CancellationToken cancellationToken)
    {
        var root = await source.ReadRootAsync(cancellationToken).ConfigureAwait(false);
        var document = Parse(root.Bytes, root.Digest, source);
        var subjects = new List<Digest> { root.Digest };
        if (document.IsIndex)
        {
            subjects.AddRange(document.Manifests.Select(m => m.Digest));
        }

        var image = subjects.ToHashSet();
        var checks = new List<SignatureCheck>();
        foreach (var subject in subjects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await CheckSignatureAsync(source, key, subject, checks, cancellationToken).ConfigureAwait(false);
            await CheckAttestationsAsync(source, key, subject, image, checks, cancellationToken).ConfigureAwait(false);
            await CheckBundlesAsync(source, key, subject, image, checks, cancellationToken).ConfigureAwait(false);
        }

        return checks;
    }

    private static async Task CheckSignatureAsync(IImageSource source, VerificationKey key, Digest subject, List<SignatureCheck> checks, CancellationToken cancellationToken)
    {
        var tag = TaggedArtifact.TagFor(subject, CosignManifest.SignatureSuffix);
        var manifest = await source.FindTaggedAsync(tag, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            checks.Add(new SignatureCheck(subject.ToString(), "signature", false, $"no signature at {tag}"));
            return;
        }

        foreach (var layer in Parse(manifest.Bytes, manifest.Digest, source).Layers.Where(l => l.MediaType == SimpleSigningPayload.MediaType))
        {
            var payload = await source.ReadBlobAsync(layer, cancellationToken).ConfigureAwait(false);
            var signed = layer.Annotations.TryGetValue(CosignManifest.SignatureAnnotation, out var encoded) && TryBase64(encoded) is { } der && key.Verify(payload, der);
            var names = SimpleSigningPayload.SignedDigest(payload);
            checks.Add(new SignatureCheck(subject.ToString(), $"signature {tag}", signed && names == subject,
                !signed ? "the signature does not verify with this key" : names != subject ? $"the payload names {names?.ToString() ?? "no digest"}" : "payload signed, names this manifest"));
        }
    }

    private static async Task CheckAttestationsAsync(IImageSource source, VerificationKey key, Digest subject, IReadOnlySet<Digest> image, List<SignatureCheck> checks, CancellationToken cancellationToken)
    {
        var tag = TaggedArtifact.TagFor(subject, CosignManifest.AttestationSuffix);
        var manifest = await source.FindTaggedAsync(tag, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return;
        }

        foreach (var layer in Parse(manifest.Bytes, manifest.Digest, source).Layers.Where(l => l.MediaType == DsseEnvelope.MediaType))
        {
            var predicate = layer.Annotations.GetValueOrDefault(CosignManifest.PredicateTypeAnnotation, "?");
            checks.Add(CheckEnvelope(await source.ReadBlobAsync(layer, cancellationToken).ConfigureAwait(false), key, subject, image, $"attestation {predicate}", DsseEnvelope.Parse));
        }
    }

    private static async Task CheckBundlesAsync(IImageSource source, VerificationKey key, Digest subject, IReadOnlySet<Digest> image, List<SignatureCheck> checks, CancellationToken cancellationToken)
    {
        foreach (var referrer in await source.FindReferrersAsync(subject, SigstoreBundle.MediaType, cancellationToken).ConfigureAwait(false))
        {
            var manifest = Parse(await source.ReadBlobAsync(referrer, cancellationToken).ConfigureAwait(false), referrer.Digest, source);
            var predicate = referrer.Annotations.GetValueOrDefault(ImageSigner.BundlePredicateTypeAnnotation, "?");
            foreach (var layer in manifest.Layers.Where(l => l.MediaType == SigstoreBundle.MediaType))
            {
                checks.Add(CheckEnvelope(await source.ReadBlobAsync(layer, cancellationToken).ConfigureAwait(false), key, subject, image, $"bundle {predicate}", b => SigstoreBundle.ReadEnvelope(b.ToArray())));
            }
        }
    }

    private delegate DsseEnvelope EnvelopeReader(ReadOnlySpan<byte> bytes);

    // The signature over PAE, then the statement: it must name this manifest and nothing outside the image.
    private static SignatureCheck CheckEnvelope(byte[] bytes, VerificationKey key, Digest subject, IReadOnlySet<Digest> image, string what, EnvelopeReader read)
    {
        try
        {
            var envelope = read(bytes);
            if (!envelope.IsSignedBy(key))
            {
                return new SignatureCheck(subject.ToString(), what, false, "the DSSE signature does not verify with this key");
            }

            var (_, subjects) = InTotoStatement.Read(envelope.Payload);
            if (!subjects.Contains(subject))
            {
                return new SignatureCheck(subject.ToString(), what, false, "its statement does not name this manifest");
            }

            var foreign = subjects.Where(s => !image.Contains(s)).ToList();
            return foreign.Count > 0
                ? new SignatureCheck(subject.ToString(), what, false, $"its statement names {foreign[0]}, which is not one of the image's manifests")
                : new SignatureCheck(subject.ToString(), what, true, $"DSSE signed; subjects are the image's manifests ({subjects.Count})");
        }
        catch (FormatException e)
        {
            return new SignatureCheck(subject.ToString(), what, false, e.Message);
        }
    }

    private static ManifestDocument Parse(byte[] bytes, Digest digest, IImageSource source)
    {
        try
        {
            return ManifestDocument.Parse(bytes, null);
        }
        catch (FormatException e)
        {
            throw new GoImageException(Diagnostic.ImageBlobInvalid("manifest", digest, source.Reference, e.Message));
        }
    }

    private static byte[]? TryBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
