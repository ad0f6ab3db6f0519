namespace GoImage.Go;

/// <summary>A module path with an optional version (a file-path replacement has none).</summary>
public sealed record ModuleVersion(string Path, string? Version)
{
    public override string ToString() => Version is null ? Path : $"{Path}@{Version}";
}
