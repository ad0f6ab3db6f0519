using GoImage.Diagnostics;

namespace GoImage.Registry;

/// <summary>
/// The outcome of <see cref="CredentialStore.FindAsync"/>: a credential, or null to contact the registry
/// anonymously, and warnings about configured sources that could not be used.
/// </summary>
public sealed class CredentialLookup(RegistryCredential? credential, IReadOnlyList<Diagnostic> warnings)
{
    public static CredentialLookup Anonymous { get; } = new(null, []);

    public RegistryCredential? Credential { get; } = credential;

    public IReadOnlyList<Diagnostic> Warnings { get; } = warnings;
}
