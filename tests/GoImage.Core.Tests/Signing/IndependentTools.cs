using System.Diagnostics;

namespace GoImage.Core.Tests.Signing;

/// <summary>
/// The independent judges of what the signing code writes: openssl, Debian's python3 with PyNaCl, and
/// sigstore-js (eng/sigstore-verify). eng/install-prerequisites.sh installs them; a test whose tool is
/// missing fails the test and says what to install (eng/test.sh installs them all).
/// </summary>
internal static class IndependentTools
{
    /// <summary>Debian's python3: the one python3-nacl installs into (a pyenv python3 on PATH would lack it).</summary>
    public const string Python = "/usr/bin/python3";

    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? stdin = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"{program} is not installed; run eng/install-prerequisites.sh");
            throw;
        }

        using (process)
        {
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }

            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + error.Result);
        }
    }

    /// <summary>Runs openssl and fails the test unless it succeeds.</summary>
    public static string OpenSsl(params string[] arguments)
    {
        var (code, output) = Run("openssl", arguments);
        Assert.AreEqual(0, code, $"openssl {string.Join(' ', arguments)}: {output}");
        return output;
    }

    /// <summary>Whether openssl accepts <paramref name="signature"/> (DER) over <paramref name="data"/> by the key in <paramref name="publicKeyPem"/>.</summary>
    public static bool OpenSslVerifies(TempDirectory temp, string publicKeyPem, byte[] data, byte[] signature)
    {
        var name = Guid.NewGuid().ToString("N");
        var key = temp.Write(name + ".pub.pem", publicKeyPem);
        var dataPath = temp.Combine(name + ".data");
        var signaturePath = temp.Combine(name + ".sig");
        File.WriteAllBytes(dataPath, data);
        File.WriteAllBytes(signaturePath, signature);
        var (code, output) = Run("openssl", ["dgst", "-sha256", "-verify", key, "-signature", signaturePath, dataPath]);
        Assert.IsTrue(code == 0 ? output.Contains("Verified OK") : output.Contains("Verification failure"), $"openssl gave neither answer: {output}");
        return code == 0;
    }

    /// <summary>A new ECDSA key made by openssl on <paramref name="curve"/>: the PKCS#8 PEM and the public key PEM.</summary>
    public static (string PrivatePem, string PublicPem) NewKey(TempDirectory temp, string curve = "P-256")
    {
        var path = temp.Combine(Guid.NewGuid().ToString("N") + ".key.pem");
        OpenSsl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve, "-out", path);
        return (File.ReadAllText(path), OpenSsl("pkey", "-in", path, "-pubout"));
    }

    /// <summary>
    /// Wraps a PKCS#8 PEM key in cosign's <c>ENCRYPTED SIGSTORE PRIVATE KEY</c> format with Python's hashlib.scrypt
    /// and PyNaCl's SecretBox (an implementation independent of BouncyCastle), N=32768, r=8, p=1 as cosign does.
    /// </summary>
    public static string CosignKey(string pkcs8Pem, string password)
    {
        const string script = """
            import base64, hashlib, json, os, sys
            import nacl.secret
            pem = sys.stdin.read()
            body = "".join(l for l in pem.splitlines() if not l.startswith("-----"))
            der = base64.b64decode(body)
            salt = os.urandom(32)
            key = hashlib.scrypt(os.environb[b"KEY_PASSWORD"], salt=salt, n=32768, r=8, p=1, maxmem=64 * 1024 * 1024, dklen=32)
            box = nacl.secret.SecretBox(key)
            nonce = os.urandom(24)
            sealed = box.encrypt(der, nonce).ciphertext
            envelope = {"kdf": {"name": "scrypt", "params": {"N": 32768, "r": 8, "p": 1}, "salt": base64.b64encode(salt).decode()},
                        "cipher": {"name": "nacl/secretbox", "nonce": base64.b64encode(nonce).decode()},
                        "ciphertext": base64.b64encode(sealed).decode()}
            text = base64.b64encode(json.dumps(envelope).encode()).decode()
            lines = [text[i:i + 64] for i in range(0, len(text), 64)]
            print("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----")
            """;
        if (!File.Exists(Python))
        {
            Assert.Fail($"{Python} is missing; run eng/install-prerequisites.sh");
        }

        var (code, output) = Run(Python, ["-c", script], new Dictionary<string, string> { ["KEY_PASSWORD"] = password }, pkcs8Pem);
        if (code != 0 && output.Contains("No module named 'nacl'"))
        {
            Assert.Fail("python3-nacl is not installed; run eng/install-prerequisites.sh");
        }

        Assert.AreEqual(0, code, output);
        return output;
    }

    /// <summary>sigstore-js's verdict on a bundle with a public key: (verified, what it said).</summary>
    public static (bool Verified, string Output) SigstoreVerify(TempDirectory temp, byte[] bundle, string publicKeyPem)
    {
        var script = Path.Combine(RepositoryRoot(), "eng", "sigstore-verify", "verify-bundle.js");
        if (!Directory.Exists(Path.Combine(RepositoryRoot(), "eng", "sigstore-verify", "node_modules", "@sigstore", "verify")))
        {
            Assert.Fail("sigstore-js is not installed in eng/sigstore-verify; run eng/install-prerequisites.sh");
        }

        var name = Guid.NewGuid().ToString("N");
        var bundlePath = temp.Combine(name + ".bundle.json");
        File.WriteAllBytes(bundlePath, bundle);
        var keyPath = temp.Write(name + ".pub.pem", publicKeyPem);
        var (code, output) = Run("node", [script, bundlePath, keyPath]);
        return (code == 0 && output.Contains("verified"), output);
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GoImage.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("GoImage.Sdk.sln was not found above the test assembly");
    }
}
