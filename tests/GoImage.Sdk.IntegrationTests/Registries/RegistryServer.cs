using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// A real CNCF distribution registry (Debian's docker-registry) on a free loopback port, with its storage in
/// a private temp folder, so each instance starts empty and instances can run side by side.
/// Plain HTTP or TLS (certificate from a fresh <see cref="TestCertificateAuthority"/>), anonymous or htpasswd.
/// Dispose stops the process and deletes the folder.
/// </summary>
internal sealed partial class RegistryServer : IDisposable
{
    public const string Program = "docker-registry";

    // Every response carries this instance's id: a /v2/ answer from some other server that grabbed the port
    // between our probe and the registry's bind is never mistaken for ours.
    private const string InstanceHeader = "X-Goimage-Test-Registry";
    private const int PortAttempts = 5;

    private static readonly HashSet<RegistryServer> Running = [];

    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly string _secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private readonly StringBuilder _log = new();
    private readonly TestCertificateAuthority? _authority;
    private Process? _process;

    static RegistryServer() =>
        // A test that forgets Dispose must not leave registries running after the test host exits.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            RegistryServer[] left;
            lock (Running)
            {
                left = [.. Running];
            }

            foreach (var server in left)
            {
                server.Stop();
            }
        };

    private RegistryServer(RegistryServerOptions options)
    {
        Options = options;
        WorkDirectory = Path.Combine(Path.GetTempPath(), "goimage-registry-" + _instanceId[..12]);
        Directory.CreateDirectory(WorkDirectory);
        if (options.UseTls)
        {
            _authority = TestCertificateAuthority.Create();
        }
    }

    public RegistryServerOptions Options { get; }

    /// <summary>The instance's private folder: config, storage, htpasswd, certificates.</summary>
    public string WorkDirectory { get; }

    public string StorageDirectory => Path.Combine(WorkDirectory, "storage");

    public int Port { get; private set; }

    /// <summary>The registry part of an image reference: <c>127.0.0.1:port</c>.</summary>
    public string Host => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public Uri BaseAddress => new($"{(Options.UseTls ? "https" : "http")}://{Host}/");

    public string? UserName => Options.UserName;

    public string? Password => Options.Password;

    /// <summary>TLS mode: the test CA's certificate.</summary>
    public X509Certificate2? CaCertificate => _authority?.Certificate;

    /// <summary>
    /// TLS mode: a folder holding only <c>ca.crt</c> (the test CA, PEM) — what skopeo's --cert-dir and
    /// containers' certs.d expect (they read *.crt as CAs, and *.cert/*.key as client certificates).
    /// </summary>
    public string? CertificateDirectory => _authority is null ? null : Path.Combine(WorkDirectory, "ca");

    /// <summary>TLS mode: the test CA bundle (PEM), inside <see cref="CertificateDirectory"/>.</summary>
    public string? CaBundlePath => CertificateDirectory is { } directory ? Path.Combine(directory, "ca.crt") : null;

    /// <summary>
    /// TLS mode: the machine's CA bundle followed by the test CA (PEM), for SSL_CERT_FILE. .NET on Linux
    /// reads SSL_CERT_FILE (and SSL_CERT_DIR) once per process, when it first loads the machine's roots.
    /// </summary>
    public string? CombinedCaBundlePath => _authority is null ? null : Path.Combine(WorkDirectory, "ca-bundle.crt");

    /// <summary>
    /// Environment variables that make a child process (dotnet build, MSBuild nodes) trust the test CA by default
    /// while keeping the machine's roots; empty in plain HTTP mode.
    /// </summary>
    public IReadOnlyDictionary<string, string?> TrustEnvironment =>
        CombinedCaBundlePath is { } bundle ? new Dictionary<string, string?> { ["SSL_CERT_FILE"] = bundle } : new Dictionary<string, string?>();

    public bool IsRunning
    {
        get
        {
            var process = _process;
            return process is not null && !process.HasExited;
        }
    }

    /// <summary>What the registry wrote to stdout and stderr (warnings and errors only) since it was created.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private string ConfigPath => Path.Combine(WorkDirectory, "config.yml");

    private string HtpasswdPath => Path.Combine(WorkDirectory, "htpasswd");

    private string ServerCertificatePath => Path.Combine(WorkDirectory, "tls", "server.crt");

    private string ServerKeyPath => Path.Combine(WorkDirectory, "tls", "server.key");

    /// <summary>Starts a registry and returns once GET /v2/ answers 200 (or 401 with auth).</summary>
    public static async Task<RegistryServer> StartAsync(RegistryServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= RegistryServerOptions.Anonymous;
        if ((options.UserName is null) != (options.Password is null))
        {
            throw new ArgumentException("Set both UserName and Password, or neither.", nameof(options));
        }

        var server = new RegistryServer(options);
        try
        {
            server.WriteFiles();
            for (var attempt = 1; ; attempt++)
            {
                server.Port = FindFreePort();
                if (await server.LaunchAsync(cancellationToken).ConfigureAwait(false))
                {
                    return server;
                }

                // The port was taken between our probe and the registry's bind: another one.
                if (attempt == PortAttempts)
                {
                    throw new InvalidOperationException($"{Program} could not bind a free port in {PortAttempts} attempts:\n{server.Log}");
                }
            }
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Restarts a stopped registry on the same port with the same storage (its images are still there).</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The registry is already running.");
        }

        if (!await LaunchAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"{Program} could not bind port {Port} again:\n{Log}");
        }
    }

    /// <summary>
    /// A handler that, in TLS mode, trusts the test CA and nothing else (not the machine's roots);
    /// host names are still checked.
    /// </summary>
    public HttpMessageHandler CreateHttpHandler()
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) };
        if (_authority is not null)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                // The test CA publishes no revocation list.
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.Add(_authority.Certificate);
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        return handler;
    }

    /// <summary>A client for <see cref="BaseAddress"/> (see <see cref="CreateHttpHandler"/>), optionally sending the Basic credentials.</summary>
    public HttpClient CreateHttpClient(bool authenticate = false)
    {
        var client = new HttpClient(CreateHttpHandler(), disposeHandler: true) { BaseAddress = BaseAddress };
        if (authenticate && UserName is not null)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{Password}"));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        }

        return client;
    }

    /// <summary>
    /// The access log's request lines so far (<c>HEAD /v2/…/blobs/sha256:… HTTP/1.1</c>), with
    /// <see cref="RegistryServerOptions.AccessLog"/>. A marker request is sent first and waited for, so no earlier
    /// request is still on its way through the registry's output pipe.
    /// </summary>
    public async Task<IReadOnlyList<string>> RequestsAsync()
    {
        if (!Options.AccessLog)
        {
            throw new InvalidOperationException("The registry was started without RegistryServerOptions.AccessLog.");
        }

        var marker = "/v2/?marker=" + Guid.NewGuid().ToString("N");
        using (var client = CreateHttpClient(authenticate: true))
        {
            using var response = await client.GetAsync(marker).ConfigureAwait(false);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!Log.Contains(marker, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The access log never showed {marker}:\n{Log}");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        // Combined log format: … "METHOD /path HTTP/1.1" status …; the registry's own stderr lines (time="…") and the
        // markers (this one and earlier calls') are left out.
        var requests = new List<string>();
        foreach (var line in Log.Split('\n'))
        {
            var match = AccessLogRequest().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var request = match.Groups["request"].Value;
            if (request.Contains(marker, StringComparison.Ordinal))
            {
                break;
            }

            if (!request.Contains("/v2/?marker=", StringComparison.Ordinal))
            {
                requests.Add(request);
            }
        }

        return requests;
    }

    /// <summary>Kills the registry; storage, port and certificates are kept for <see cref="StartAgainAsync"/>.</summary>
    public void Stop()
    {
        var process = Interlocked.Exchange(ref _process, null);
        lock (Running)
        {
            Running.Remove(this);
        }

        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
        finally
        {
            process.Dispose();
        }
    }

    public void Dispose()
    {
        Stop();
        _authority?.Dispose();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public override string ToString() => $"{Program} at {BaseAddress} ({WorkDirectory})";

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // The bundle SSL_CERT_FILE names now (this environment may set it), else Debian's; they stay trusted beside the test CA.
    private static string MachineCaBundle()
    {
        var ambient = Environment.GetEnvironmentVariable("SSL_CERT_FILE");
        var path = !string.IsNullOrEmpty(ambient) && File.Exists(ambient) ? ambient : "/etc/ssl/certs/ca-certificates.crt";
        return File.Exists(path) ? File.ReadAllText(path).TrimEnd() + "\n" : "";
    }

    private static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

    private void WriteFiles()
    {
        Directory.CreateDirectory(StorageDirectory);
        if (UserName is not null)
        {
            // distribution accepts only bcrypt entries (-B).
            var result = Command.Run("htpasswd", ["-Bbn", UserName, Password!], WorkDirectory, timeout: TimeSpan.FromSeconds(30));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("htpasswd failed: " + result);
            }

            File.WriteAllText(HtpasswdPath, result.Output.Trim() + "\n");
        }

        if (_authority is not null)
        {
            Directory.CreateDirectory(CertificateDirectory!);
            File.WriteAllText(CaBundlePath!, _authority.CertificatePem);
            File.WriteAllText(CombinedCaBundlePath!, MachineCaBundle() + _authority.CertificatePem);
            var (certificate, key) = _authority.IssueServerCertificate(["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback]);
            Directory.CreateDirectory(Path.GetDirectoryName(ServerCertificatePath)!);
            File.WriteAllText(ServerCertificatePath, certificate);
            File.WriteAllText(ServerKeyPath, key);
        }
    }

    private void WriteConfig()
    {
        // Health checks, the debug server and notifications are off (absent): nothing runs but the API.
        var config = new StringBuilder()
            .AppendLine("version: 0.1")
            .AppendLine("log:")
            .AppendLine("  level: warn")
            .AppendLine("  accesslog:")
            .AppendLine("    disabled: " + (Options.AccessLog ? "false" : "true"))
            .AppendLine("storage:")
            .AppendLine("  filesystem:")
            .AppendLine("    rootdirectory: " + Quote(StorageDirectory))
            .AppendLine("  delete:")
            .AppendLine("    enabled: true")
            .AppendLine("  maintenance:")
            .AppendLine("    uploadpurging:")
            .AppendLine("      enabled: false")
            .AppendLine("http:")
            .AppendLine(CultureInfo.InvariantCulture, $"  addr: {Host}")
            .AppendLine("  secret: " + _secret)
            .AppendLine("  headers:")
            .AppendLine(CultureInfo.InvariantCulture, $"    {InstanceHeader}: [{_instanceId}]");
        if (_authority is not null)
        {
            config.AppendLine("  tls:")
                .AppendLine("    certificate: " + Quote(ServerCertificatePath))
                .AppendLine("    key: " + Quote(ServerKeyPath));
        }

        if (UserName is not null)
        {
            config.AppendLine("auth:")
                .AppendLine("  htpasswd:")
                .AppendLine("    realm: goimage-test")
                .AppendLine("    path: " + Quote(HtpasswdPath));
        }

        config.AppendLine("health:")
            .AppendLine("  storagedriver:")
            .AppendLine("    enabled: false");
        File.WriteAllText(ConfigPath, config.ToString());
    }

    /// <summary>Starts the process on <see cref="Port"/>; false when it exited because the port was taken.</summary>
    private async Task<bool> LaunchAsync(CancellationToken cancellationToken)
    {
        WriteConfig();
        var start = new ProcessStartInfo(Program)
        {
            WorkingDirectory = WorkDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(ConfigPath);
        // REGISTRY_* variables override the config file: none from the test's environment may leak in.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("REGISTRY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => AppendLog(e.Data);
        process.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"{Program} could not be started (eng/install-prerequisites.sh installs it): {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        lock (Running)
        {
            Running.Add(this);
        }

        var logLength = Log.Length;
        try
        {
            if (await WaitUntilReadyAsync(process, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }
        catch
        {
            Stop();
            throw;
        }

        var exitCode = process.ExitCode;
        Stop();
        var log = Log[logLength..];
        if (log.Contains("address already in use", StringComparison.Ordinal))
        {
            return false;
        }

        throw new InvalidOperationException($"{Program} exited with code {exitCode} at start:\n{log}");
    }

    private async Task<bool> WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        using var client = CreateHttpClient();
        client.Timeout = TimeSpan.FromSeconds(2);
        var clock = Stopwatch.StartNew();
        var lastError = "no answer yet";
        while (true)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // drains the output readers
                return false;
            }

            try
            {
                using var response = await client.GetAsync(new Uri("v2/", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                var ours = response.Headers.TryGetValues(InstanceHeader, out var values) && values.Contains(_instanceId);
                if (ours && response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return true;
                }

                lastError = ours ? $"GET /v2/ answered {(int)response.StatusCode}" : "another server answers on the port";
            }
            catch (HttpRequestException e)
            {
                lastError = e.Message;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = e.Message;
            }

            if (clock.Elapsed > Options.StartTimeout)
            {
                throw new TimeoutException($"{Program} did not answer GET {BaseAddress}v2/ within {Options.StartTimeout.TotalSeconds:0} s ({lastError}):\n{Log}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    [GeneratedRegex("\"(?<request>[A-Z]+ \\S+ HTTP/[0-9.]+)\" [0-9]{3} ")]
    private static partial Regex AccessLogRequest();
}
