namespace GoImage.Tool.Scaffolding;

/// <summary>A file <c>goimage new</c> writes, and the line that tells the user why.</summary>
/// <param name="Path">The full path.</param>
/// <param name="Content">The whole new content.</param>
/// <param name="Replaces">True when an existing file is rewritten (global.json), false for a new file.</param>
/// <param name="Description">What the file now does, for the message.</param>
internal sealed record ScaffoldFile(string Path, string Content, bool Replaces, string Description);
