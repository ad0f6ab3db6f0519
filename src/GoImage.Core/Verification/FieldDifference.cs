namespace GoImage.Verification;

/// <summary>One field (a JSON property path, or a tar header field) with its value in each image.</summary>
public sealed record FieldDifference(string Field, string First, string Second);
