using GoImage.Images;

namespace GoImage.Registry;

/// <summary>What a push did: the index digest now in the registry, and how each blob got there.</summary>
public sealed record ImagePushResult(Digest Digest, int Uploaded, int AlreadyPresent, int Mounted, long BytesUploaded);
