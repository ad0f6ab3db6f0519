namespace GoImage.Registry;

/// <summary>
/// Why a registry is contacted; it picks the CI environment variables that hold its credentials.
/// </summary>
public enum RegistryRole
{
    /// <summary>The destination registry the image is pushed to.</summary>
    Push,

    /// <summary>A base image's registry, read from only.</summary>
    Pull,
}
