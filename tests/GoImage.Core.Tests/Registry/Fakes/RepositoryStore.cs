namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>What one repository holds. Only touched under the registry's lock.</summary>
internal sealed class RepositoryStore
{
    /// <summary>Blob bytes by digest.</summary>
    public Dictionary<string, byte[]> Blobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Manifests by digest.</summary>
    public Dictionary<string, StoredManifest> Manifests { get; } = new(StringComparer.Ordinal);

    /// <summary>Tag to manifest digest.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Upload sessions by id.</summary>
    public Dictionary<string, UploadSession> Uploads { get; } = new(StringComparer.Ordinal);

    /// <summary>The digest a tag or digest reference names, or <see langword="null"/>.</summary>
    public string? Resolve(string reference) =>
        RegistryRoute.IsDigest(reference)
            ? Manifests.ContainsKey(reference) ? reference : null
            : Tags.GetValueOrDefault(reference);
}
