using GoImage.Composition;
using GoImage.Images;

namespace GoImage.Signing;

/// <summary>
/// Signs and attests an image as cosign does, offline: for the index and each platform manifest, the
/// simple-signing signature (<c>.sig</c>), the DSSE attestations (<c>.att</c>: SLSA provenance, and the SPDX
/// SBOM for a platform), and the same as Sigstore bundles referring to the manifest (what cosign 3 reads
/// first). Without a key, the provenance is attached unsigned, as an in-toto statement referrer.
/// Every byte is deterministic: the same image, key and facts give the same manifests.
/// </summary>
public static class ImageSigner
{
    /// <summary>The predicate type of cosign 3's signature statement.</summary>
    public const string CosignSignPredicateType = "https://sigstore.dev/cosign/sign/v1";

    /// <summary>The predicate type cosign gives an SPDX JSON attestation.</summary>
    public const string SpdxPredicateType = "https://spdx.dev/Document";

    public const string BundleContentAnnotation = "dev.sigstore.bundle.content";

    public const string BundlePredicateTypeAnnotation = "dev.sigstore.bundle.predicateType";

    private const string CreatedAnnotation = "org.opencontainers.image.created";

    /// <param name="dockerReference">The repository as cosign names it (<c>registry/repo</c>), for the signature payload.</param>
    /// <param name="key">The signing key; null attaches only the unsigned provenance.</param>
    /// <param name="provenance">The build's facts; null attaches no provenance.</param>
    public static ImageSet Sign(ImageSet image, string dockerReference, SigningKey? key, ProvenanceFacts? provenance, DateTimeOffset created)
    {
        if (key is null && provenance is null)
        {
            return image;
        }

        var subjects = image.Platforms
            .Select(p => (Descriptor: p.Manifest.Descriptor, Name: $"{dockerReference} ({p.Platform})"))
            .Prepend((Descriptor: image.Index.Descriptor, Name: dockerReference))
            .ToList();
        var sboms = image.Referrers.Where(r => r.ArtifactType == MediaTypes.SpdxJson).ToList();
        var statement = provenance is null ? null : ProvenanceStatement(subjects, provenance, sboms, image);
        var referrers = new List<ImageReferrer>(image.Referrers);
        var tagged = new List<TaggedArtifact>(image.Tagged);
        var annotations = new Dictionary<string, string> { [CreatedAnnotation] = Timestamps.Format(created) };

        if (key is null)
        {
            foreach (var (subject, _) in subjects)
            {
                var content = ImageBlob.Create(InTotoStatement.PayloadType, statement!);
                referrers.Add(ImageReferrer.Create(subject, InTotoStatement.PayloadType, content, With(annotations, CosignManifest.PredicateTypeAnnotation, SlsaProvenance.PredicateType)));
            }

            return image with { Referrers = referrers };
        }

        var provenanceEnvelope = statement is null ? null : DsseEnvelope.Sign(InTotoStatement.PayloadType, statement, key);
        foreach (var (subject, name) in subjects)
        {
            // Classic cosign: the simple-signing payload, its DER signature in the layer's annotation.
            var payload = ImageBlob.Create(SimpleSigningPayload.MediaType, SimpleSigningPayload.Create(dockerReference, subject.Digest));
            var signature = Convert.ToBase64String(key.Sign(payload.Content));
            tagged.Add(CosignManifest.Create(subject.Digest, CosignManifest.SignatureSuffix, [(payload, new Dictionary<string, string> { [CosignManifest.SignatureAnnotation] = signature })]));

            // cosign 3: a DSSE statement over the digest, in a bundle referring to the manifest.
            var signStatement = InTotoStatement.Write([new InTotoSubject(name, subject.Digest)], CosignSignPredicateType, json => json.StartObject().EndObject());
            referrers.Add(Bundle(subject, DsseEnvelope.Sign(InTotoStatement.PayloadType, signStatement, key), CosignSignPredicateType, key, annotations));

            var attestations = new List<(DsseEnvelope Envelope, string PredicateType)>();
            if (provenanceEnvelope is not null)
            {
                attestations.Add((provenanceEnvelope, SlsaProvenance.PredicateType));
            }

            foreach (var sbom in sboms.Where(s => s.Subject.Digest == subject.Digest))
            {
                var document = sbom.Blobs.Single(b => b.Descriptor.MediaType == MediaTypes.SpdxJson);
                var sbomStatement = InTotoStatement.Write([new InTotoSubject(name, subject.Digest)], SpdxPredicateType, json => json.RawValue(document.Content));
                attestations.Add((DsseEnvelope.Sign(InTotoStatement.PayloadType, sbomStatement, key), SpdxPredicateType));
            }

            if (attestations.Count == 0)
            {
                continue;
            }

            tagged.Add(CosignManifest.Create(subject.Digest, CosignManifest.AttestationSuffix, attestations
                .Select(a => (ImageBlob.Create(DsseEnvelope.MediaType, a.Envelope.ToJson()), (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { [CosignManifest.PredicateTypeAnnotation] = a.PredicateType }))
                .ToList()));
            referrers.AddRange(attestations.Select(a => Bundle(subject, a.Envelope, a.PredicateType, key, annotations)));
        }

        return image with { Referrers = referrers, Tagged = tagged };
    }

    private static byte[] ProvenanceStatement(IReadOnlyList<(Descriptor Descriptor, string Name)> subjects, ProvenanceFacts facts, IReadOnlyList<ImageReferrer> sboms, ImageSet image)
    {
        var byproducts = sboms.Select(s => (
            Name: "sbom " + image.Platforms.First(p => p.Manifest.Descriptor.Digest == s.Subject.Digest).Platform,
            Blob: s.Blobs.Single(b => b.Descriptor.MediaType == MediaTypes.SpdxJson).Descriptor)).ToList();
        return InTotoStatement.Write(
            subjects.Select(s => new InTotoSubject(s.Name, s.Descriptor.Digest)).ToList(),
            SlsaProvenance.PredicateType,
            json => SlsaProvenance.Write(json, facts, byproducts));
    }

    private static ImageReferrer Bundle(Descriptor subject, DsseEnvelope envelope, string predicateType, SigningKey key, IReadOnlyDictionary<string, string> annotations)
    {
        var bundle = ImageBlob.Create(SigstoreBundle.MediaType, SigstoreBundle.Write(envelope, key.PublicKey));
        var all = With(With(annotations, BundleContentAnnotation, "dsse-envelope"), BundlePredicateTypeAnnotation, predicateType);
        return ImageReferrer.Create(subject, SigstoreBundle.MediaType, bundle, all);
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> annotations, string name, string value) =>
        new(annotations) { [name] = value };
}
