namespace GoImage.Signing;

/// <summary>
/// Where a signing key's password comes from: the environment only (never a property, so it stays out of
/// project files, logs and binlogs). GOIMAGE_SIGNING_KEY_PASSWORD wins over cosign's COSIGN_PASSWORD.
/// </summary>
public static class SigningPassword
{
    public const string Variable = "GOIMAGE_SIGNING_KEY_PASSWORD";

    public const string CosignVariable = "COSIGN_PASSWORD";

    /// <summary>The password and the variable it came from; null when neither is set.</summary>
    public static (byte[] Password, string Variable)? Read(Func<string, string?> environment)
    {
        foreach (var name in new[] { Variable, CosignVariable })
        {
            if (environment(name) is { } value)
            {
                return (System.Text.Encoding.UTF8.GetBytes(value), name);
            }
        }

        return null;
    }

    /// <summary>The process environment, as the tasks and the tool read it.</summary>
    public static string? FromProcess(string name) => Environment.GetEnvironmentVariable(name);
}
