namespace GoImage.Diagnostics.Generator;

/// <summary>What an entry's &lt;comment&gt; says besides its parameter names.</summary>
[Flags]
internal enum MessageTraits
{
    None = 0,

    Warning = 1,

    /// <summary>Fixing the command line fixes it (the tool exits with 2).</summary>
    Usage = 2,

    /// <summary>The user stopped the work (the tool exits with 130).</summary>
    Canceled = 4,
}
