namespace GoImage.Go;

/// <summary>What kind of executable go build writes: the GoBuildMode property.</summary>
public enum GoBuildMode
{
    /// <summary>Go's default executable.</summary>
    Exe,

    /// <summary>A position-independent executable; static-pie unless GoCgoLinkMode is dynamic.</summary>
    Pie,
}
