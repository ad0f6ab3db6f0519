using GoImage.Composition;
using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Sbom;

/// <summary>Makes each platform image's SPDX document and the referrer artifact that carries it.</summary>
public static class SbomReferrers
{
    /// <param name="binaries">The Go binary each platform's image runs, by platform, read once (the provenance reads the same).</param>
    public static IReadOnlyList<ImageReferrer> Create(
        ImageSet image,
        string repository,
        string appPath,
        IReadOnlyDictionary<ImagePlatform, ImageBinary> binaries,
        DateTimeOffset created,
        string imageVersion,
        CancellationToken cancellationToken)
    {
        var referrers = new List<ImageReferrer>();
        foreach (var platform in image.Platforms)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!binaries.TryGetValue(platform.Platform, out var binary))
            {
                throw new GoImageException(Diagnostic.SbomBinaryMissing(platform.Platform));
            }

            var subject = new SbomSubject(repository, platform.Platform, platform.Manifest.Descriptor, appPath, binary.Digest, binary.BuildInfo, created)
            {
                ImageVersion = imageVersion,
            };
            var document = ImageBlob.Create(MediaTypes.SpdxJson, SpdxDocumentWriter.Write(subject));
            var annotations = new Dictionary<string, string> { ["org.opencontainers.image.created"] = Timestamps.Format(created) };
            referrers.Add(ImageReferrer.Create(platform.Manifest.Descriptor, MediaTypes.SpdxJson, document, annotations));
        }

        return referrers;
    }
}
