using System.Diagnostics.CodeAnalysis;
using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Kubernetes;

/// <summary>An image a project pushed: its reference by index digest, and the first tag it was pushed with (if any).</summary>
public sealed record PushedImage(ImageReference Reference, string? Tag)
{
    /// <summary>Reads GeneratedContainerReference (<c>registry/repository@sha256:…</c>) and the first GeneratedContainerTag.</summary>
    public static bool TryCreate(string reference, string? tag, [NotNullWhen(true)] out PushedImage? image)
    {
        image = null;
        if (!ImageReference.TryParse(reference, out var parsed, out _) || parsed.Digest is null)
        {
            return false;
        }

        image = new PushedImage(parsed with { Tag = null }, string.IsNullOrWhiteSpace(tag) ? null : tag.Trim());
        return true;
    }

    /// <summary>The text written into a manifest in <paramref name="style"/>; null when the tag style has no tag to write.</summary>
    public string? Format(KubernetesReferenceStyle style) => style switch
    {
        KubernetesReferenceStyle.Tag when Tag is null => null,
        KubernetesReferenceStyle.Tag => (Reference with { Tag = Tag }).ToString(),
        _ => Reference.ToString(),
    };

    /// <summary>Parses ContainerKubernetesReference: empty or digest, or tag.</summary>
    public static KubernetesReferenceStyle ParseStyle(string? text, List<Diagnostic> diagnostics)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "digest":
                return KubernetesReferenceStyle.Digest;
            case "tag":
                return KubernetesReferenceStyle.Tag;
            default:
                diagnostics.Add(Diagnostic.KubernetesReferenceStyleInvalid(text));
                return KubernetesReferenceStyle.Digest;
        }
    }
}
