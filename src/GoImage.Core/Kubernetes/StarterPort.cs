namespace GoImage.Kubernetes;

/// <summary>A port the starter manifests expose: a ContainerPort item's number and protocol (TCP or UDP).</summary>
public sealed record StarterPort(int Number, string Protocol)
{
    /// <summary>The port's name in the Pod and Service (at most 15 characters): tcp-8080.</summary>
    public string Name => $"{Protocol.ToLowerInvariant()}-{Number}";
}
