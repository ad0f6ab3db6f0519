namespace GoImage.Sdk.IntegrationTests;

/// <summary>How a <see cref="RegistryServer"/> listens: plain HTTP or TLS, anonymous or with htpasswd Basic auth.</summary>
internal sealed record RegistryServerOptions
{
    /// <summary>Plain HTTP, anonymous.</summary>
    public static RegistryServerOptions Anonymous { get; } = new();

    /// <summary>With both set, the registry demands these credentials (htpasswd, bcrypt).</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>Serve HTTPS with a certificate for 127.0.0.1 and localhost, issued by a fresh test CA.</summary>
    public bool UseTls { get; init; }

    /// <summary>Write the access log (a line per request) to <see cref="RegistryServer.Log"/>; read it with <see cref="RegistryServer.RequestsAsync"/>.</summary>
    public bool AccessLog { get; init; }

    /// <summary>How long the registry may take to answer GET /v2/.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public bool RequiresAuthentication => UserName is not null;

    public static RegistryServerOptions WithBasicAuth(string userName, string password) => new() { UserName = userName, Password = password };

    public static RegistryServerOptions WithTls(string? userName = null, string? password = null) =>
        new() { UseTls = true, UserName = userName, Password = password };
}
