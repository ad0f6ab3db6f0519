using GoImage.Images;

namespace GoImage.Registry;

/// <summary>One entry of goimage.lock.json: the base image as the project names it, and the digest it resolved to.</summary>
public sealed record BaseImageLock(string Reference, Digest Digest);
