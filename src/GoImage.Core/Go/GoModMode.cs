namespace GoImage.Go;

/// <summary>How the go command resolves modules: Go's <c>-mod</c> flag, plus <c>Auto</c> (vendor when vendor/ exists).</summary>
public enum GoModMode
{
    Auto,
    Vendor,
    Mod,
    ReadOnly,
}
