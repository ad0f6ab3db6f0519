namespace GoImage.Registry;

/// <summary>A credential helper config.json names for a registry, and the key that named it (credHelpers or credsStore).</summary>
public sealed record CredentialHelperEntry(string Name, string ConfigKey);
