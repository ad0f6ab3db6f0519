namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>What became of a PATCH (or a final PUT's) chunk.</summary>
internal enum ChunkResult
{
    Appended,
    Unknown,
    BadRange,
    OutOfOrder,
    LengthMismatch,
    TooShort,
}
