using System.IO.Compression;
using System.Text;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>Pushes to a real registry behind htpasswd Basic auth and behind TLS with a test CA: credentials work, and never leak.</summary>
[TestClass]
public sealed class RegistryAuthenticationTests
{
    private static readonly string Password = "sentinel-" + Guid.NewGuid().ToString("N");
    private static RegistryServer _registry = null!;
    private static RegistryServer _tls = null!;
    private static GoProject _hello = null!;

    [ClassInitialize]
    public static async Task Start(TestContext context)
    {
        _registry = await RegistryServer.StartAsync(RegistryServerOptions.WithBasicAuth("pusher", Password));
        _tls = await RegistryServer.StartAsync(RegistryServerOptions.WithTls());
        _hello = GoProject.FromSample("hello");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _hello.Dispose();
        _registry.Dispose();
        _tls.Dispose();
    }

    [TestMethod]
    public void PushWithEnvironmentCredentials_Succeeds_AndThePasswordIsInNoLogNorBinlog()
    {
        var binlog = _hello.PathOf("push.binlog");

        var publish = WithEnvironment(
            new() { ["GOIMAGE_PUSH_REGISTRY_USERNAME"] = "pusher", ["GOIMAGE_PUSH_REGISTRY_PASSWORD"] = Password },
            () => _hello.Publish($"-p:ContainerRegistry={_registry.Host}", "-p:ContainerRepository=goimage/secret", "-v:diag", $"-bl:{binlog}"));

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        Assert.IsTrue(RegistryPeers.Exists(_registry, "goimage/secret:1.4.2"));
        Assert.IsFalse(publish.Output.Contains(Password, StringComparison.Ordinal), "the password is in the -v:diag output");
        var events = Decompress(binlog);
        Assert.IsFalse(Contains(events, Encoding.UTF8.GetBytes(Password)), "the password is in the binlog (UTF-8)");
        Assert.IsFalse(Contains(events, Encoding.Unicode.GetBytes(Password)), "the password is in the binlog (UTF-16)");
        Assert.IsFalse(Contains(events, Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes("pusher:" + Password)))), "the Basic header is in the binlog");
    }

    [TestMethod]
    public void PushWithDockerConfigCredentials_Succeeds()
    {
        var config = Directory.CreateDirectory(_hello.PathOf("docker-config")).FullName;
        File.WriteAllText(Path.Combine(config, "config.json"), $$"""
            { "auths": { "{{_registry.Host}}": { "auth": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes("pusher:" + Password))}}" } } }
            """);

        var publish = WithEnvironment(new() { ["DOCKER_CONFIG"] = config }, () => _hello.Publish($"-p:ContainerRegistry={_registry.Host}", "-p:ContainerRepository=goimage/config"));

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        Assert.IsTrue(RegistryPeers.Exists(_registry, "goimage/config:1.4.2"));
    }

    [TestMethod]
    public void WrongPassword_FailsWithGoi3005_NamingTheSourceButNotTheSecret()
    {
        var wrong = "wrong-" + Guid.NewGuid().ToString("N");

        var publish = WithEnvironment(
            new() { ["GOIMAGE_PUSH_REGISTRY_USERNAME"] = "pusher", ["GOIMAGE_PUSH_REGISTRY_PASSWORD"] = wrong },
            () => _hello.Publish($"-p:ContainerRegistry={_registry.Host}", "-p:ContainerRepository=goimage/denied"));

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "error GOI3005:");
        StringAssert.Contains(publish.Output, "GOIMAGE_PUSH_REGISTRY_USERNAME");
        Assert.IsFalse(publish.Output.Contains(wrong, StringComparison.Ordinal), "the password is in the output");
        Assert.IsFalse(RegistryPeers.Exists(_registry, "goimage/denied:1.4.2"));
    }

    [TestMethod]
    public void NoCredentials_FailsWithGoi3005_SayingNoneWereFound()
    {
        var empty = Directory.CreateDirectory(_hello.PathOf("empty-docker-config")).FullName;

        var publish = WithEnvironment(new() { ["DOCKER_CONFIG"] = empty }, () => _hello.Publish($"-p:ContainerRegistry={_registry.Host}", "-p:ContainerRepository=goimage/anonymous"));

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "error GOI3005:");
        StringAssert.Contains(publish.Output, "no credentials");
    }

    [TestMethod]
    public void TlsRegistry_WithItsCaTrusted_AcceptsThePush()
    {
        var publish = WithEnvironment(new(_tls.TrustEnvironment), () => _hello.Publish($"-p:ContainerRegistry={_tls.Host}", "-p:ContainerRepository=goimage/tls"));

        Assert.IsTrue(publish.Succeeded, publish.ToString());
        Assert.IsTrue(RegistryPeers.Exists(_tls, "goimage/tls:1.4.2"));
    }

    [TestMethod]
    public void TlsRegistry_WithAnUntrustedCertificate_FailsWithGoi3003_AndIsNotRetriedOverHttp()
    {
        var publish = _hello.Publish($"-p:ContainerRegistry={_tls.Host}", "-p:ContainerRepository=goimage/untrusted");

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "error GOI3003:");
        Assert.IsFalse(RegistryPeers.Exists(_tls, "goimage/untrusted:1.4.2"));
    }

    private static CommandResult WithEnvironment(Dictionary<string, string?> variables, Func<CommandResult> run)
    {
        foreach (var (name, value) in variables)
        {
            _hello.Environment[name] = value;
        }

        try
        {
            return run();
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                _hello.Environment.Remove(name);
            }
        }
    }

    // A binlog is a gzip stream of records; strings inside are plain once it is inflated.
    private static byte[] Decompress(string binlog)
    {
        using var input = new GZipStream(File.OpenRead(binlog), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
