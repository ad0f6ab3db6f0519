namespace GoImage.Go;

/// <summary>One binary to produce: the platform and where its binary goes.</summary>
public sealed record GoBuildTarget(GoPlatform Platform, string OutputPath);
