namespace GoImage.Tool.Output;

/// <summary>How much the tool prints, in MSBuild's terms (the build's messages are filtered the same way).</summary>
internal enum Verbosity
{
    /// <summary>Errors, warnings and the result.</summary>
    Quiet,

    /// <summary>Plus each step's own lines (compiled platforms, layers, uploads): the default.</summary>
    Minimal,

    /// <summary>Plus targets and normal-importance build messages.</summary>
    Normal,

    /// <summary>Everything the build says.</summary>
    Detailed,
}
