namespace GoImage.Images;

public enum BaseImageKind
{
    /// <summary>The SDK's embedded base layer (users, /tmp, CA certificates, time zones).</summary>
    Static,

    /// <summary>No base layer: the app layer alone.</summary>
    Scratch,

    /// <summary>An image from a registry, pinned in goimage.lock.json; its layers are copied as they are.</summary>
    Registry,
}
