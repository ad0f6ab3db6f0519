namespace GoImage.Go;

/// <summary>A <c>replace old [v] =&gt; new [v]</c> directive.</summary>
public sealed record ModuleReplacement(ModuleVersion Old, ModuleVersion New);
