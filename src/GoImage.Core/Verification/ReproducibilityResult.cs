namespace GoImage.Verification;

/// <summary>The two builds of <c>goimage verify</c> and how their images compare.</summary>
public sealed record ReproducibilityResult(ImageComparison Comparison, PublishedCopy First, PublishedCopy Second, string WorkDirectory);
