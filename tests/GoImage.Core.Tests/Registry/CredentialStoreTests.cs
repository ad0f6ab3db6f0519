using System.Diagnostics;
using System.Text;
using GoImage.Diagnostics;
using GoImage.Registry;

namespace GoImage.Core.Tests.Registry;

[TestClass]
public sealed class CredentialStoreTests
{
    private const string Host = "registry.example.com:5000";

    // The helpers are written once, before any test starts one: writing an executable while another
    // thread forks can make exec fail with "text file busy".
    private static TempDirectory helperBin = null!;

    [ClassInitialize]
    public static void WriteHelpers(TestContext context)
    {
        _ = context;
        helperBin = new TempDirectory();
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Echoes the server URL it read back in the user name, so tests see exactly what was sent.
        WriteHelper("echo", """
            url=$(cat)
            printf '{"ServerURL":"%s","Username":"user-for-%s","Secret":"helper-secret"}\n' "$url" "$url"
            """);
        WriteHelper("second", """
            cat > /dev/null
            printf '{"ServerURL":"x","Username":"second-user","Secret":"second-secret"}\n'
            """);
        WriteHelper("empty", """
            cat > /dev/null
            echo "credentials not found in native keychain"
            exit 1
            """);
        WriteHelper("broken", """
            cat > /dev/null
            echo "pass store is locked" >&2
            exit 3
            """);
        WriteHelper("hang", """
            sleep 60
            """);
    }

    [ClassCleanup]
    public static void DeleteHelpers() => helperBin.Dispose();

    private static void WriteHelper(string name, string body)
    {
        var path = helperBin.Write("docker-credential-" + name, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static CredentialStore Store(string? configDirectory, Dictionary<string, string>? variables = null, double timeoutSeconds = 10)
    {
        var environment = new Dictionary<string, string>(variables ?? []) { ["PATH"] = helperBin.Path };
        return new CredentialStore(name => environment.GetValueOrDefault(name), configDirectory, TimeSpan.FromSeconds(timeoutSeconds));
    }

    private static string Config(TempDirectory temp, string json)
    {
        temp.Write("docker/config.json", json);
        return temp.Combine("docker");
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string AuthsConfig(string key, string user = "alice", string password = "s3cret") =>
        $$"""{"auths":{"{{key}}":{"auth":"{{Base64(user + ":" + password)}}"} } }""";

    [TestMethod]
    public async Task FindAsync_PrefersPushEnvironmentVariablesOverDockerConfig()
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, AuthsConfig(Host)), new()
        {
            ["GOIMAGE_PUSH_REGISTRY_USERNAME"] = "ci-user",
            ["GOIMAGE_PUSH_REGISTRY_PASSWORD"] = "ci-password",
        });

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.AreEqual("ci-user", lookup.Credential?.Username);
        Assert.AreEqual("ci-password", lookup.Credential?.Secret);
        Assert.AreEqual("environment variables GOIMAGE_PUSH_REGISTRY_USERNAME/GOIMAGE_PUSH_REGISTRY_PASSWORD", lookup.Credential?.Source);
    }

    [TestMethod]
    public async Task FindAsync_UsesPullVariablesForPullRoleAndIgnoresPushOnes()
    {
        // Arrange
        var store = Store(null, new()
        {
            ["GOIMAGE_PUSH_REGISTRY_USERNAME"] = "push-user",
            ["GOIMAGE_PUSH_REGISTRY_PASSWORD"] = "push-password",
            ["GOIMAGE_PULL_REGISTRY_USERNAME"] = "pull-user",
            ["GOIMAGE_PULL_REGISTRY_PASSWORD"] = "pull-password",
        });

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Pull, CancellationToken.None);

        // Assert
        Assert.AreEqual("pull-user", lookup.Credential?.Username);
        Assert.AreEqual("pull-password", lookup.Credential?.Secret);
    }

    [TestMethod]
    [DataRow("GOIMAGE_PUSH_REGISTRY_USERNAME", "GOIMAGE_PUSH_REGISTRY_PASSWORD")]
    [DataRow("GOIMAGE_PUSH_REGISTRY_PASSWORD", "GOIMAGE_PUSH_REGISTRY_USERNAME")]
    public async Task FindAsync_ThrowsGOI3053WhenOnlyHalfOfTheEnvironmentPairIsSet(string set, string missing)
    {
        // Arrange
        var store = Store(null, new() { [set] = "value" });

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => store.FindAsync(Host, RegistryRole.Push, CancellationToken.None));

        // Assert
        Assert.AreEqual("GOI3053", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, $"{set} is set but {missing} is not");
    }

    [TestMethod]
    public async Task FindAsync_ReturnsAnonymousWhenTheConfigFolderDoesNotExist()
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(temp.Combine("no-such-folder"));

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.IsNull(lookup.Credential);
        Assert.AreEqual(0, lookup.Warnings.Count);
    }

    [TestMethod]
    public async Task FindAsync_ReturnsAnonymousWhenNoAuthsKeyMatchesTheHost()
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, AuthsConfig("other.example.com")));

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.IsNull(lookup.Credential);
    }

    [TestMethod]
    public async Task FindAsync_DecodesTheAuthFieldOfAuths()
    {
        // Arrange
        using var temp = new TempDirectory();
        var configDirectory = Config(temp, AuthsConfig(Host, "alice", "pa:ss"));
        var store = Store(configDirectory);

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.AreEqual("alice", lookup.Credential?.Username);
        Assert.AreEqual("pa:ss", lookup.Credential?.Secret, "only the first colon separates user and password");
        Assert.AreEqual($"auths in {Path.Combine(configDirectory, "config.json")}", lookup.Credential?.Source);
    }

    [TestMethod]
    [DataRow("https://registry.example.com:5000")]
    [DataRow("http://registry.example.com:5000/v1/")]
    [DataRow("https://REGISTRY.Example.com:5000/v2/")]
    public async Task FindAsync_MatchesAuthsKeysWrittenWithSchemeOrPath(string key)
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, AuthsConfig(key)));

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.AreEqual("alice", lookup.Credential?.Username);
    }

    [TestMethod]
    public async Task FindAsync_DoesNotMatchAnAuthsKeyWithAnotherPort()
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, AuthsConfig("https://registry.example.com:6000/")));

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.IsNull(lookup.Credential);
    }

    [TestMethod]
    [DataRow("docker.io")]
    [DataRow("index.docker.io")]
    [DataRow("registry-1.docker.io")]
    public async Task FindAsync_FindsDockerHubHostsUnderTheIndexKey(string host)
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, AuthsConfig("https://index.docker.io/v1/")));

        // Act
        var lookup = await store.FindAsync(host, RegistryRole.Pull, CancellationToken.None);

        // Assert
        Assert.AreEqual("alice", lookup.Credential?.Username);
    }

    [TestMethod]
    public async Task FindAsync_ReadsAnIdentityTokenAsTheTokenUser()
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, $$"""{"auths":{"{{Host}}":{"auth":"{{Base64("alice:old")}}","identitytoken":"refresh-token"} } }"""));

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.AreEqual("<token>", lookup.Credential?.Username);
        Assert.AreEqual("refresh-token", lookup.Credential?.Secret);
        Assert.IsTrue(lookup.Credential?.IsIdentityToken);
    }

    [TestMethod]
    public async Task FindAsync_ReadsUsernameAndPasswordFieldsWhenAuthIsAbsent()
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, $$"""{"auths":{"{{Host}}":{"username":"bob","password":"hunter2"} } }"""));

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.AreEqual("bob", lookup.Credential?.Username);
        Assert.AreEqual("hunter2", lookup.Credential?.Secret);
        Assert.IsFalse(lookup.Credential?.IsIdentityToken);
    }

    [TestMethod]
    public async Task FindAsync_ThrowsGOI3050ForMalformedJson()
    {
        // Arrange
        using var temp = new TempDirectory();
        var configDirectory = Config(temp, """{"auths": {""");
        var store = Store(configDirectory);

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => store.FindAsync(Host, RegistryRole.Push, CancellationToken.None));

        // Assert
        Assert.AreEqual("GOI3050", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, Path.Combine(configDirectory, "config.json"));
    }

    [TestMethod]
    public async Task FindAsync_AcceptsAConfigFileSavedWithAByteOrderMark()
    {
        // Arrange
        using var temp = new TempDirectory();
        var configDirectory = temp.CreateDirectory("docker");
        File.WriteAllText(Path.Combine(configDirectory, "config.json"), AuthsConfig(Host), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var store = Store(configDirectory);

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.AreEqual("alice", lookup.Credential?.Username);
    }

    [TestMethod]
    [DataRow("not base64!", DisplayName = "not base64")]
    [DataRow("YWxpY2Vub2NvbG9u", DisplayName = "base64 of 'alicenocolon'")]
    public async Task FindAsync_ThrowsGOI3050ForAnAuthFieldThatIsNotBase64OfUserColonPassword(string auth)
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, $$"""{"auths":{"{{Host}}":{"auth":"{{auth}}"} } }"""));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => store.FindAsync(Host, RegistryRole.Push, CancellationToken.None));

        // Assert
        Assert.AreEqual("GOI3050", error.Diagnostic.Code);
        Assert.IsFalse(error.Diagnostic.Message.Contains(auth, StringComparison.Ordinal), "the auth value holds the password");
    }

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    public async Task FindAsync_PrefersCredHelpersOverCredsStoreAndAuths()
    {
        // Arrange
        using var temp = new TempDirectory();
        var configDirectory = Config(temp, $$"""
            {"credHelpers":{"{{Host}}":"echo"},"credsStore":"second","auths":{"{{Host}}":{"auth":"{{Base64("alice:pw")}}"} } }
            """);
        var store = Store(configDirectory);

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.AreEqual($"user-for-{Host}", lookup.Credential?.Username, "the helper gets host:port on stdin");
        Assert.AreEqual("helper-secret", lookup.Credential?.Secret);
        Assert.AreEqual($"credential helper docker-credential-echo (credHelpers in {Path.Combine(configDirectory, "config.json")})", lookup.Credential?.Source);
    }

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    public async Task FindAsync_PrefersCredsStoreOverAuths()
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, $$"""
            {"credHelpers":{"other.example.com":"echo"},"credsStore":"second","auths":{"{{Host}}":{"auth":"{{Base64("alice:pw")}}"} } }
            """));

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.AreEqual("second-user", lookup.Credential?.Username);
        Assert.AreEqual("second-secret", lookup.Credential?.Secret);
    }

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    public async Task FindAsync_GivesTheHelperTheIndexUrlForDockerHub()
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, """{"credHelpers":{"https://index.docker.io/v1/":"echo"}}"""));

        // Act
        var lookup = await store.FindAsync("registry-1.docker.io", RegistryRole.Pull, CancellationToken.None);

        // Assert
        Assert.AreEqual("user-for-https://index.docker.io/v1/", lookup.Credential?.Username);
    }

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    public async Task FindAsync_ReturnsAnonymousWithoutWarningWhenTheHelperHasNoCredentials()
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, """{"credsStore":"empty"}"""));

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.IsNull(lookup.Credential);
        Assert.AreEqual(0, lookup.Warnings.Count);
    }

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    public async Task FindAsync_ThrowsGOI3051WithTheHelpersErrorWhenItFails()
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, """{"credsStore":"broken"}"""));

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => store.FindAsync(Host, RegistryRole.Push, CancellationToken.None));

        // Assert
        Assert.AreEqual("GOI3051", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "docker-credential-broken failed for registry.example.com:5000: exit code 3: pass store is locked");
    }

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    public async Task FindAsync_ThrowsGOI3052WhenTheHelperDoesNotAnswerInTime()
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, """{"credsStore":"hang"}"""), timeoutSeconds: 1);
        var clock = Stopwatch.StartNew();

        // Act
        var error = await Assert.ThrowsExactlyAsync<GoImageException>(() => store.FindAsync(Host, RegistryRole.Push, CancellationToken.None));

        // Assert
        Assert.AreEqual("GOI3052", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "within 1 seconds for registry.example.com:5000");
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    public async Task FindAsync_KillsTheHelperAndThrowsOperationCanceledWhenCanceled()
    {
        // Arrange
        using var temp = new TempDirectory();
        var store = Store(Config(temp, """{"credsStore":"hang"}"""), timeoutSeconds: 60);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        // Act
        await Assert.ThrowsAsync<OperationCanceledException>(() => store.FindAsync(Host, RegistryRole.Push, cancellation.Token));

        // Assert
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [TestMethod]
    public async Task FindAsync_WarnsGOI3054AndReturnsAnonymousWhenTheHelperIsNotInstalled()
    {
        // Arrange
        using var temp = new TempDirectory();
        var configDirectory = Config(temp, $$"""{"credHelpers":{"{{Host}}":"not-installed"} }""");
        var store = Store(configDirectory);

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.IsNull(lookup.Credential);
        Assert.AreEqual(1, lookup.Warnings.Count);
        Assert.AreEqual("GOI3054", lookup.Warnings[0].Code);
        Assert.IsTrue(lookup.Warnings[0].IsWarning);
        StringAssert.Contains(lookup.Warnings[0].Message, "docker-credential-not-installed");
        StringAssert.Contains(lookup.Warnings[0].Message, Path.Combine(configDirectory, "config.json"));
    }

    [TestMethod]
    [DataRow("x/../../../tmp/evil")]
    [DataRow("../echo")]
    [DataRow("/bin/sh")]
    [DataRow("echo;true")]
    public async Task FindAsync_AHelperNameThatIsNotAPlainName_IsNeverRun_GOI3031(string name)
    {
        // Arrange: docker-credential-x/../../../tmp/evil would leave PATH's folders.
        using var temp = new TempDirectory();
        var configDirectory = Config(temp, $$"""{"credHelpers":{"{{Host}}":"{{name}}"} }""");
        var store = Store(configDirectory);

        // Act
        var lookup = await store.FindAsync(Host, RegistryRole.Push, CancellationToken.None);

        // Assert
        Assert.IsNull(lookup.Credential);
        Assert.AreEqual("GOI3031", lookup.Warnings.Single().Code);
    }

    [TestMethod]
    public void RegistryCredential_ToStringShowsUserAndSourceButNeverTheSecret()
    {
        // Arrange
        var credential = new RegistryCredential("alice", "top-secret-value", "auths in /home/u/.docker/config.json");

        // Act
        var text = credential.ToString();

        // Assert
        Assert.AreEqual("alice (auths in /home/u/.docker/config.json)", text);
        Assert.IsFalse(text.Contains("top-secret-value", StringComparison.Ordinal));
    }
}
