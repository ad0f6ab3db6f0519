namespace GoImage.Kubernetes;

/// <summary>How a resolved manifest names an image (ContainerKubernetesReference).</summary>
public enum KubernetesReferenceStyle
{
    /// <summary><c>registry/repository@sha256:…</c>: the digest alone decides what runs.</summary>
    Digest,

    /// <summary><c>registry/repository:tag@sha256:…</c>: the tag for people to read; the digest still decides.</summary>
    Tag,
}
