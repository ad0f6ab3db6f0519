namespace GoImage.Registry;

/// <summary>
/// A user name and password (or identity token) for one registry, and where it was found.
/// A class rather than a record: a record's generated ToString would print the secret.
/// </summary>
public sealed class RegistryCredential(string username, string secret, string source)
{
    /// <summary>Docker's user name for an identity (refresh) token stored in place of a password.</summary>
    public const string IdentityTokenUsername = "<token>";

    public string Username { get; } = username;

    public string Secret { get; } = secret;

    /// <summary>Where the credential came from, for messages (e.g. "auths in /home/u/.docker/config.json").</summary>
    public string Source { get; } = source;

    /// <summary>True when <see cref="Secret"/> is an identity token, to be exchanged for an access token.</summary>
    public bool IsIdentityToken => Username == IdentityTokenUsername;

    // Logs and messages may show this; the secret must never appear in them.
    public override string ToString() => $"{Username} ({Source})";
}
