using GoImage.Images;

namespace GoImage.Signing;

/// <summary>What a statement is about: a name (the repository, with the platform for a platform manifest) and the manifest's digest.</summary>
public sealed record InTotoSubject(string Name, Digest Digest);
