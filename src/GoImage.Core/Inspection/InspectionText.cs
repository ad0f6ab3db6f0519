using GoImage.Images;
using GoImage.IO;

namespace GoImage.Inspection;

/// <summary>The human form of an inspection: one compact screen, a block per platform, digests in full where they identify something.</summary>
public static class InspectionText
{
    public static void Write(ImageInspection image, TextWriter output)
    {
        output.WriteLine(image.Reference);
        output.WriteLine($"  {Kind(image.MediaType)} {image.Digest}");
        foreach (var (key, value) in image.Annotations.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {key}={value}");
        }

        if (image.MediaType is MediaTypes.ImageIndex or DockerMediaTypes.ManifestList)
        {
            Artifacts(output, image.Artifacts);
        }

        foreach (var platform in image.Platforms)
        {
            output.WriteLine();
            output.WriteLine($"{platform.Platform}");
            output.WriteLine($"  manifest    {platform.ManifestDigest}");
            output.WriteLine($"  config      {platform.ConfigDigest}");
            output.WriteLine($"  created     {platform.Created ?? "-"}");
            output.WriteLine($"  user        {platform.User ?? "- (root)"}");
            output.WriteLine($"  entrypoint  {Command(platform.Entrypoint)}");
            output.WriteLine($"  cmd         {Command(platform.Cmd)}");
            output.WriteLine($"  workdir     {platform.WorkingDir ?? "/"}");
            output.WriteLine($"  ports       {(platform.Ports.Count == 0 ? "-" : string.Join(' ', platform.Ports))}");
            Lines(output, "env", platform.Env);
            Lines(output, "labels", platform.Labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}").ToList());
            output.WriteLine($"  layers      {platform.Layers.Count}, {ByteSize.Format(platform.Layers.Sum(l => l.Size))}");
            foreach (var layer in platform.Layers)
            {
                output.WriteLine($"    {layer.Digest}  {ByteSize.Format(layer.Size),10}  {ShortType(layer.MediaType)}");
            }

            output.WriteLine(platform.Sbom is { } sbom
                ? $"  sbom        {sbom.Digest} ({sbom.Packages} packages, referrer {sbom.ManifestDigest.ToShortString()})"
                : "  sbom        none");
            Artifacts(output, platform.Artifacts);
        }
    }

    // Listed as found; the header says they were not checked, so no one reads "1 signature" as "verified".
    private static void Artifacts(TextWriter output, IReadOnlyList<ArtifactInspection> artifacts)
    {
        if (artifacts.Count == 0)
        {
            output.WriteLine("  signed      no signatures, attestations or referrers");
            return;
        }

        output.WriteLine($"  signed      {artifacts.Count(a => a.Signatures > 0)} of {artifacts.Count} artifacts carry signatures (listed, not verified: goimage verify-signature --key checks them)");
        foreach (var artifact in artifacts)
        {
            var where = artifact.Tag is { } tag ? "tag ." + tag[(tag.LastIndexOf('.') + 1)..] : "referrer " + artifact.ManifestDigest.ToShortString();
            var what = artifact.Kind == ArtifactKind.Signature ? "simple signing" : artifact.PredicateType ?? artifact.ArtifactType ?? artifact.MediaType;
            var signed = artifact.Signatures switch
            {
                0 => "unsigned",
                1 => "1 signature",
                var n => $"{n} signatures",
            };
            var key = artifact.KeyHint is { } hint ? $", key {hint}" : "";
            var problem = artifact.Problem is { } reason ? $" ({reason})" : "";
            output.WriteLine($"    {Name(artifact.Kind),-11}  {artifact.Digest}  {where}  {what}  {signed}{key}{problem}");
        }
    }

    /// <summary>What text and JSON call a kind.</summary>
    public static string Name(ArtifactKind kind) => kind.ToString().ToLowerInvariant();

    private static void Lines(TextWriter output, string title, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            output.WriteLine($"  {title,-11} -");
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            output.WriteLine($"  {(i == 0 ? title : ""),-11} {values[i]}");
        }
    }

    private static string Kind(string mediaType) => mediaType switch
    {
        MediaTypes.ImageIndex => "OCI image index",
        MediaTypes.ImageManifest => "OCI image manifest",
        DockerMediaTypes.ManifestList => "Docker manifest list",
        DockerMediaTypes.Manifest => "Docker image manifest",
        _ => mediaType,
    };

    private static string ShortType(string mediaType)
    {
        var dot = mediaType.LastIndexOf('.');
        return dot >= 0 && mediaType.StartsWith("application/vnd.", StringComparison.Ordinal) ? mediaType[(dot + 1)..] : mediaType;
    }

    private static string Command(IReadOnlyList<string> words) =>
        words.Count == 0 ? "-" : "[" + string.Join(", ", words.Select(w => "\"" + w + "\"")) + "]";
}
