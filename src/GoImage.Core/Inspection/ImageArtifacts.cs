using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Signing;

namespace GoImage.Inspection;

/// <summary>
/// Lists what names one of an image's manifests: cosign's <c>sha256-&lt;hex&gt;.sig</c> and <c>.att</c> tags (a
/// entry per layer) and the OCI 1.1 referrers (Sigstore bundles, SBOMs, unsigned statements, anything else).
/// Signatures are counted, not checked: a listed signature may be forged; <see cref="SignatureVerifier"/> decides.
/// </summary>
public static class ImageArtifacts
{
    public static async Task<IReadOnlyList<ArtifactInspection>> ListAsync(IImageSource source, Digest subject, CancellationToken cancellationToken)
    {
        var artifacts = new List<ArtifactInspection>();
        foreach (var suffix in new[] { CosignManifest.SignatureSuffix, CosignManifest.AttestationSuffix })
        {
            var tag = TaggedArtifact.TagFor(subject, suffix);
            if (await source.FindTaggedAsync(tag, cancellationToken).ConfigureAwait(false) is not { } tagged)
            {
                continue;
            }

            foreach (var layer in Parse(source, "signature manifest", tagged.Digest, tagged.Bytes).Layers)
            {
                artifacts.Add(await ReadAsync(source, layer, tag, tagged.Digest, null, layer.Annotations, cancellationToken).ConfigureAwait(false));
            }
        }

        foreach (var referrer in await source.FindReferrersAsync(subject, null, cancellationToken).ConfigureAwait(false))
        {
            var descriptor = referrer.MediaType.Length > 0 ? referrer : referrer with { MediaType = MediaTypes.ImageManifest };
            var manifest = Parse(source, "referrer manifest", referrer.Digest, await source.ReadBlobAsync(descriptor, cancellationToken).ConfigureAwait(false));
            foreach (var layer in manifest.Layers)
            {
                artifacts.Add(await ReadAsync(source, layer, null, referrer.Digest, referrer.ArtifactType, referrer.Annotations, cancellationToken).ConfigureAwait(false));
            }
        }

        return artifacts;
    }

    // Only DSSE envelopes, bundles and statements are read (they are small); payloads and documents are named by their descriptor.
    private static async Task<ArtifactInspection> ReadAsync(
        IImageSource source, Descriptor layer, string? tag, Digest manifest, string? artifactType, IReadOnlyDictionary<string, string> annotations, CancellationToken cancellationToken)
    {
        var listed = new ArtifactInspection(ArtifactKind.Other, tag, manifest, layer.MediaType, layer.Digest, layer.Size) { ArtifactType = artifactType };
        var predicateType = annotations.GetValueOrDefault(CosignManifest.PredicateTypeAnnotation) ?? annotations.GetValueOrDefault(ImageSigner.BundlePredicateTypeAnnotation);
        switch (layer.MediaType)
        {
            case SimpleSigningPayload.MediaType:
                return listed with { Kind = ArtifactKind.Signature, Signatures = annotations.ContainsKey(CosignManifest.SignatureAnnotation) ? 1 : 0 };
            case MediaTypes.SpdxJson:
                return listed with { Kind = ArtifactKind.Sbom };
            case DsseEnvelope.MediaType or SigstoreBundle.MediaType or InTotoStatement.PayloadType:
                var kind = layer.MediaType == SigstoreBundle.MediaType ? ArtifactKind.Bundle : ArtifactKind.Attestation;
                var bytes = await source.ReadBlobAsync(layer, cancellationToken).ConfigureAwait(false);
                try
                {
                    return Read(listed with { Kind = kind, PredicateType = predicateType }, layer.MediaType, bytes);
                }
                catch (FormatException e)
                {
                    return listed with { Kind = kind, PredicateType = predicateType, Problem = e.Message };
                }

            default:
                return listed with { PredicateType = predicateType };
        }
    }

    private static ArtifactInspection Read(ArtifactInspection listed, string mediaType, byte[] bytes)
    {
        if (mediaType == InTotoStatement.PayloadType)
        {
            return listed with { PredicateType = listed.PredicateType ?? InTotoStatement.Read(bytes).PredicateType };
        }

        var envelope = mediaType == SigstoreBundle.MediaType ? SigstoreBundle.ReadEnvelope(bytes) : DsseEnvelope.Parse(bytes);
        var hint = mediaType == SigstoreBundle.MediaType ? SigstoreBundle.ReadKeyHint(bytes) : envelope.Signatures.Select(s => s.KeyId).FirstOrDefault(k => k.Length > 0);
        return listed with
        {
            PredicateType = listed.PredicateType ?? PredicateTypeOf(envelope),
            Signatures = envelope.Signatures.Count,
            KeyHint = string.IsNullOrEmpty(hint) ? null : hint,
        };
    }

    private static string? PredicateTypeOf(DsseEnvelope envelope)
    {
        try
        {
            return envelope.PayloadType == InTotoStatement.PayloadType ? InTotoStatement.Read(envelope.Payload).PredicateType : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ManifestDocument Parse(IImageSource source, string role, Digest digest, byte[] bytes)
    {
        try
        {
            return ManifestDocument.Parse(bytes, null);
        }
        catch (FormatException e)
        {
            throw new GoImageException(Diagnostic.ImageBlobInvalid(role, digest, source.Reference, e.Message));
        }
    }
}
