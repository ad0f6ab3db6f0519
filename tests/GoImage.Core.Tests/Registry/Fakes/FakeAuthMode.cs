namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>How the <see cref="FakeRegistry"/> authenticates requests under <c>/v2/</c>.</summary>
public enum FakeAuthMode
{
    /// <summary>Every request is allowed.</summary>
    None,

    /// <summary>
    /// <c>Authorization: Basic</c> with <see cref="FakeRegistryOptions.Username"/> and <see cref="FakeRegistryOptions.Password"/>;
    /// anything else is answered 401 with <c>WWW-Authenticate: Basic realm="fake"</c>.
    /// </summary>
    Basic,

    /// <summary>
    /// Token authentication: 401 with a <c>Bearer realm=…,service=…,scope=…</c> challenge, tokens from <c>/token</c>.
    /// </summary>
    Bearer,
}
