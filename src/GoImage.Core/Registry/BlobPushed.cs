using GoImage.Images;

namespace GoImage.Registry;

/// <summary>Progress of a push: one blob done, and how.</summary>
public sealed record BlobPushed(Descriptor Blob, BlobPushOutcome Outcome);
