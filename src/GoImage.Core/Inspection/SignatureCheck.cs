namespace GoImage.Inspection;

/// <summary>One thing <see cref="SignatureVerifier"/> checked: what, about which manifest, and whether it held.</summary>
public sealed record SignatureCheck(string Subject, string What, bool Passed, string Detail = "");
