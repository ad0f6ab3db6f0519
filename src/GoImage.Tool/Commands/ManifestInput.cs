namespace GoImage.Tool.Commands;

/// <summary>A manifest <c>goimage resolve</c> reads: its full path, and the path it gets under <c>-o</c>.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="RelativePath">Relative to the -f folder it was found in; a -f file's own name.</param>
internal sealed record ManifestInput(string Path, string RelativePath);
