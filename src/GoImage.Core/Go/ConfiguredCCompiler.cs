namespace GoImage.Go;

/// <summary>A GoCCompiler or GoCxxCompiler item: a command (a path, or a program on PATH, with arguments) for one platform.</summary>
public sealed record ConfiguredCCompiler(GoPlatform Platform, string Command, bool IsCxx);
