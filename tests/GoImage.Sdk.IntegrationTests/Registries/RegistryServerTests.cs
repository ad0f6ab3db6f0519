using System.Net;
using System.Security.Authentication;
using System.Text;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>The registry fixture itself: each mode answers as a registry should, and skopeo can push to it.</summary>
[TestClass]
public sealed class RegistryServerTests
{
    private const string User = "goimage";
    private const string Secret = "s3cret-Pa55";

    [TestMethod]
    public async Task Plain_AnswersV2AnonymouslyAndStartsEmpty()
    {
        using var registry = await RegistryServer.StartAsync();
        using var client = registry.CreateHttpClient();

        using var v2 = await client.GetAsync(new Uri("v2/", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, v2.StatusCode);
        Assert.AreEqual("registry/2.0", string.Join(",", v2.Headers.GetValues("Docker-Distribution-Api-Version")));
        StringAssert.Contains(await client.GetStringAsync(new Uri("v2/_catalog", UriKind.Relative)), "\"repositories\":[]");
        Assert.AreEqual(Uri.UriSchemeHttp, registry.BaseAddress.Scheme);
        Assert.IsNull(registry.CaBundlePath);
    }

    [TestMethod]
    public async Task Htpasswd_DemandsBasicCredentials()
    {
        using var registry = await RegistryServer.StartAsync(RegistryServerOptions.WithBasicAuth(User, Secret));
        using var anonymous = registry.CreateHttpClient();
        using var authenticated = registry.CreateHttpClient(authenticate: true);
        using var wrong = registry.CreateHttpClient();
        wrong.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":wrong")));

        using var withoutCredentials = await anonymous.GetAsync(new Uri("v2/", UriKind.Relative));
        using var withCredentials = await authenticated.GetAsync(new Uri("v2/", UriKind.Relative));
        using var withWrongPassword = await wrong.GetAsync(new Uri("v2/", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.Unauthorized, withoutCredentials.StatusCode);
        StringAssert.StartsWith(withoutCredentials.Headers.WwwAuthenticate.ToString(), "Basic realm=\"goimage-test\"");
        Assert.AreEqual(HttpStatusCode.OK, withCredentials.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, withWrongPassword.StatusCode);
    }

    [TestMethod]
    public async Task Tls_IsTrustedThroughTheTestCaOnly()
    {
        using var registry = await RegistryServer.StartAsync(RegistryServerOptions.WithTls());
        using var trusting = registry.CreateHttpClient();
        using var byDefault = new HttpClient();

        using var v2 = await trusting.GetAsync(new Uri("v2/", UriKind.Relative));
        var untrusted = await Assert.ThrowsExactlyAsync<HttpRequestException>(() => byDefault.GetAsync(new Uri(registry.BaseAddress, "v2/")));

        Assert.AreEqual(HttpStatusCode.OK, v2.StatusCode);
        Assert.AreEqual(Uri.UriSchemeHttps, registry.BaseAddress.Scheme);
        Assert.IsInstanceOfType<AuthenticationException>(untrusted.InnerException, untrusted.ToString());
        Assert.AreEqual(registry.CertificateDirectory, Path.GetDirectoryName(registry.CaBundlePath));
        StringAssert.StartsWith(File.ReadAllText(registry.CaBundlePath!), "-----BEGIN CERTIFICATE-----");
        StringAssert.EndsWith(File.ReadAllText(registry.CombinedCaBundlePath!), File.ReadAllText(registry.CaBundlePath!));
    }

    [TestMethod]
    public async Task Tls_TrustEnvironmentMakesADefaultHttpClientInAChildProcessTrustTheTestCa()
    {
        using var registry = await RegistryServer.StartAsync(RegistryServerOptions.WithTls());
        // A child process, as dotnet build will be: .NET loads the machine's roots once per process.
        var probe = Path.Combine(registry.WorkDirectory, "probe", "probe.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(probe)!);
        File.WriteAllText(probe, """
            using var client = new HttpClient();
            try { using var response = await client.GetAsync(args[0]); Console.WriteLine((int)response.StatusCode); }
            catch (HttpRequestException e) { Console.WriteLine(e.InnerException?.Message ?? e.Message); }
            """);
        string[] run = ["run", "--file", probe, "--artifacts-path", Path.Combine(registry.WorkDirectory, "probe", "artifacts"), "--", new Uri(registry.BaseAddress, "v2/").ToString()];

        var trusting = Peers.Run("dotnet", run, registry.TrustEnvironment);
        var ambient = Peers.Run("dotnet", run);

        Peers.Expect(trusting);
        Assert.AreEqual("200", trusting.Output.Trim().Split('\n')[^1], trusting.ToString());
        StringAssert.Contains(ambient.Output, "PartialChain", "without it, the test CA is unknown");
    }

    [TestMethod]
    public async Task TlsWithHtpasswd_DemandsCredentialsOverHttps()
    {
        using var registry = await RegistryServer.StartAsync(RegistryServerOptions.WithTls(User, Secret));
        using var anonymous = registry.CreateHttpClient();
        using var authenticated = registry.CreateHttpClient(authenticate: true);

        using var withoutCredentials = await anonymous.GetAsync(new Uri("v2/", UriKind.Relative));
        using var withCredentials = await authenticated.GetAsync(new Uri("v2/", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.Unauthorized, withoutCredentials.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, withCredentials.StatusCode);
    }

    [TestMethod]
    public async Task Plain_SkopeoPushesAndInspects()
    {
        using var registry = await RegistryServer.StartAsync();
        var digest = TestImageLayout.Write(Path.Combine(registry.WorkDirectory, "layout"), "v1");

        Peers.Expect(Peers.Skopeo("copy", "-q", "--dest-tls-verify=false", $"oci:{registry.WorkDirectory}/layout:v1", $"docker://{registry.Host}/demo/hello:v1"));
        var inspect = Peers.Skopeo("inspect", "--tls-verify=false", "--raw", $"docker://{registry.Host}/demo/hello:v1");

        Peers.Expect(inspect);
        Assert.AreEqual(digest, TestImageLayout.Digest(Encoding.UTF8.GetBytes(RawOutput(inspect))), "the registry must keep the manifest byte for byte");
    }

    [TestMethod]
    public async Task Htpasswd_SkopeoPushesOnlyWithCredentials()
    {
        using var registry = await RegistryServer.StartAsync(RegistryServerOptions.WithBasicAuth(User, Secret));
        TestImageLayout.Write(Path.Combine(registry.WorkDirectory, "layout"), "v1");
        var source = $"oci:{registry.WorkDirectory}/layout:v1";
        var destination = $"docker://{registry.Host}/demo/hello:v1";

        var anonymous = Peers.Skopeo("copy", "-q", "--dest-tls-verify=false", "--dest-no-creds", source, destination);
        Peers.Expect(Peers.Skopeo("copy", "-q", "--dest-tls-verify=false", "--dest-creds", $"{User}:{Secret}", source, destination));

        Assert.IsFalse(anonymous.Succeeded, anonymous.ToString());
        StringAssert.Contains(anonymous.Output, "authentication required");
        Peers.Expect(Peers.Skopeo("inspect", "--tls-verify=false", "--creds", $"{User}:{Secret}", "--raw", destination));
    }

    [TestMethod]
    public async Task Tls_SkopeoPushesWhenGivenTheCaDirectory()
    {
        using var registry = await RegistryServer.StartAsync(RegistryServerOptions.WithTls());
        var digest = TestImageLayout.Write(Path.Combine(registry.WorkDirectory, "layout"), "v1");
        var source = $"oci:{registry.WorkDirectory}/layout:v1";
        var destination = $"docker://{registry.Host}/demo/hello:v1";

        var untrusted = Peers.Skopeo("copy", "-q", source, destination);
        Peers.Expect(Peers.Skopeo("copy", "-q", "--dest-cert-dir", registry.CertificateDirectory!, source, destination));
        var inspect = Peers.Skopeo("inspect", "--cert-dir", registry.CertificateDirectory!, "--raw", destination);

        Assert.IsFalse(untrusted.Succeeded, untrusted.ToString());
        StringAssert.Contains(untrusted.Output, "certificate signed by unknown authority");
        Peers.Expect(inspect);
        Assert.AreEqual(digest, TestImageLayout.Digest(Encoding.UTF8.GetBytes(RawOutput(inspect))));
    }

    [TestMethod]
    public async Task StopAndStartAgain_KeepPortAndStorage()
    {
        using var registry = await RegistryServer.StartAsync();
        TestImageLayout.Write(Path.Combine(registry.WorkDirectory, "layout"), "v1");
        var image = $"docker://{registry.Host}/demo/hello:v1";
        Peers.Expect(Peers.Skopeo("copy", "-q", "--dest-tls-verify=false", $"oci:{registry.WorkDirectory}/layout:v1", image));
        var port = registry.Port;

        registry.Stop();
        Assert.IsFalse(registry.IsRunning);
        using (var client = registry.CreateHttpClient())
        {
            await Assert.ThrowsExactlyAsync<HttpRequestException>(() => client.GetAsync(new Uri("v2/", UriKind.Relative)));
        }

        await registry.StartAgainAsync();

        Assert.IsTrue(registry.IsRunning);
        Assert.AreEqual(port, registry.Port);
        Peers.Expect(Peers.Skopeo("inspect", "--tls-verify=false", "--raw", image));
    }

    [TestMethod]
    public async Task Instances_StartInParallelOnTheirOwnPortsAndStorage()
    {
        var registries = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RegistryServer.StartAsync()));
        try
        {
            Assert.AreEqual(registries.Length, registries.Select(r => r.Port).Distinct().Count());
            Assert.AreEqual(registries.Length, registries.Select(r => r.StorageDirectory).Distinct().Count());
            foreach (var registry in registries)
            {
                using var client = registry.CreateHttpClient();
                using var v2 = await client.GetAsync(new Uri("v2/", UriKind.Relative));
                Assert.AreEqual(HttpStatusCode.OK, v2.StatusCode);
            }
        }
        finally
        {
            foreach (var registry in registries)
            {
                registry.Dispose();
            }
        }

        Assert.IsFalse(registries.Any(r => Directory.Exists(r.WorkDirectory)), "Dispose deletes each instance's folder");
    }

    // Command appends a newline to every line it reads; the manifest itself ends without one.
    private static string RawOutput(CommandResult result) => result.Output.TrimEnd('\n');
}
