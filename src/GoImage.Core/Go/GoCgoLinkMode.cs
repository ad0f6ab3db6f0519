namespace GoImage.Go;

/// <summary>How a cgo binary links its C libraries: the GoCgoLinkMode property.</summary>
public enum GoCgoLinkMode
{
    /// <summary>External linker with <c>-static</c> and tags <c>netgo osusergo</c>: no loader or libc needed in the image.</summary>
    Static,

    /// <summary>The C toolchain's default: a binary that needs the platform's loader and shared libraries.</summary>
    Dynamic,
}
