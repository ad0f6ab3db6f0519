using System.Text;
using System.Text.Json;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// samples/vendored published and pushed with a cosign-format key (made by Python's hashlib.scrypt and PyNaCl),
/// judged by independent tools: openssl checks the .sig payload signature and the provenance's DSSE signature
/// over its PAE bytes, sigstore-js the bundle referrers; a sentinel password never reaches the log or binlog.
/// </summary>
[TestClass]
public sealed class SigningTests
{
    private const string Sentinel = "sentinel-PW-7d2e41b9";

    private static GoProject _project = null!;
    private static RegistryServer _registry = null!;
    private static string _keys = null!;
    private static CommandResult _publish = null!;
    private static CommandResult _replay = null!;

    [ClassInitialize]
    public static async Task PublishSigned(TestContext context)
    {
        _registry = await RegistryServer.StartAsync();
        _keys = GoProject.NewTempDirectory();
        MakeCosignKey(_keys, Sentinel);
        _project = GoProject.FromSample("vendored");
        _project.Environment["COSIGN_PASSWORD"] = Sentinel;
        var binlog = Path.Combine(_keys, "publish.binlog");
        _publish = _project.Publish($"-p:ContainerRegistry={_registry.Host}", $"-p:ContainerSigningKey={Path.Combine(_keys, "cosign.key")}", "-v:diag", $"-bl:{binlog}");
        _replay = Command.Run("dotnet", ["msbuild", binlog, "-v:diag", "-nologo"], _keys, new Dictionary<string, string?>());
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _project.Dispose();
        _registry.Dispose();
        Directory.Delete(_keys, recursive: true);
    }

    [TestMethod]
    public void SentinelPassword_IsInNeitherTheDiagLogNorTheReplayedBinlog()
    {
        Peers.Expect(_publish);
        Peers.Expect(_replay);

        Assert.IsFalse(_publish.Output.Contains(Sentinel, StringComparison.Ordinal), "the password reached the -v:diag log");
        Assert.IsFalse(_replay.Output.Contains(Sentinel, StringComparison.Ordinal), "the password reached the binlog");
        StringAssert.Contains(_publish.Output, "signed 3 manifests");
    }

    [TestMethod]
    public async Task PushedSignatureTag_PayloadSignatureVerifiesWithOpenSsl()
    {
        Peers.Expect(_publish);
        var layout = new OciLayout(_project.LayoutPath);
        using var http = _registry.CreateHttpClient();

        foreach (var digest in new[] { layout.ImageIndexDigest, layout.ManifestDigest("amd64"), layout.ManifestDigest("arm64") })
        {
            var tag = $"sha256-{digest["sha256:".Length..]}.sig";
            var raw = Peers.Skopeo("inspect", "--raw", "--tls-verify=false", $"docker://{_registry.Host}/vendored:{tag}");
            Peers.Expect(raw);
            using var manifest = JsonDocument.Parse(raw.Output);
            var layer = manifest.RootElement.GetProperty("layers")[0];
            var payload = await http.GetByteArrayAsync($"/v2/vendored/blobs/{layer.GetProperty("digest").GetString()}");
            var signature = Convert.FromBase64String(layer.GetProperty("annotations").GetProperty("dev.cosignproject.cosign/signature").GetString()!);

            StringAssert.Contains(Encoding.UTF8.GetString(payload), $"\"docker-manifest-digest\":\"{digest}\"");
            Assert.IsTrue(OpenSslVerifies(payload, signature), $"openssl refused the signature at {tag}");
        }
    }

    [TestMethod]
    public async Task PushedProvenance_DsseSignatureOverPaeVerifiesWithOpenSsl_AndNamesModuleToolchainAndManifests()
    {
        Peers.Expect(_publish);
        var layout = new OciLayout(_project.LayoutPath);
        using var http = _registry.CreateHttpClient();
        var tag = $"sha256-{layout.ImageIndexDigest["sha256:".Length..]}.att";

        var raw = Peers.Skopeo("inspect", "--raw", "--tls-verify=false", $"docker://{_registry.Host}/vendored:{tag}");
        Peers.Expect(raw);
        using var manifest = JsonDocument.Parse(raw.Output);
        var layer = manifest.RootElement.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("annotations").GetProperty("predicateType").GetString() == "https://slsa.dev/provenance/v1");
        using var envelope = JsonDocument.Parse(await http.GetByteArrayAsync($"/v2/vendored/blobs/{layer.GetProperty("digest").GetString()}"));
        var payloadType = envelope.RootElement.GetProperty("payloadType").GetString()!;
        var payload = Convert.FromBase64String(envelope.RootElement.GetProperty("payload").GetString()!);
        var signature = Convert.FromBase64String(envelope.RootElement.GetProperty("signatures")[0].GetProperty("sig").GetString()!);
        var pae = Encoding.UTF8.GetBytes($"DSSEv1 {Encoding.UTF8.GetByteCount(payloadType)} {payloadType} {payload.Length} ").Concat(payload).ToArray();

        Assert.IsTrue(OpenSslVerifies(pae, signature), "openssl refused the provenance's DSSE signature");
        using var statement = JsonDocument.Parse(payload);
        var subjects = statement.RootElement.GetProperty("subject").EnumerateArray().Select(s => "sha256:" + s.GetProperty("digest").GetProperty("sha256").GetString()).ToList();
        CollectionAssert.AreEquivalent(new[] { layout.ImageIndexDigest, layout.ManifestDigest("amd64"), layout.ManifestDigest("arm64") }, subjects);
        var dependencies = statement.RootElement.GetProperty("predicate").GetProperty("buildDefinition").GetProperty("resolvedDependencies").GetRawText();
        StringAssert.Contains(dependencies, "pkg:golang/example.com/quote@v1.2.0");
        StringAssert.Contains(dependencies, "pkg:golang/toolchain@go1.");
    }

    [TestMethod]
    public void BundleReferrers_InTheLayout_AreVerifiedBySigstoreJs()
    {
        Peers.Expect(_publish);
        var layout = new OciLayout(_project.LayoutPath);
        var verifier = Path.Combine(Repository.Root, "eng", "sigstore-verify", "verify-bundle.js");
        var tag = "sha256-" + layout.ImageIndexDigest["sha256:".Length..];
        var entry = layout.IndexJson.GetProperty("manifests").EnumerateArray()
            .Single(m => m.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString() == tag);
        var bundles = layout.Blob(entry.GetProperty("digest").GetString()!).GetProperty("manifests").EnumerateArray()
            .Where(m => m.GetProperty("artifactType").GetString() == "application/vnd.dev.sigstore.bundle.v0.3+json").ToList();

        Assert.AreEqual(2, bundles.Count, "the signature and the provenance");
        foreach (var bundle in bundles)
        {
            var content = layout.Blob(bundle.GetProperty("digest").GetString()!).GetProperty("layers")[0].GetProperty("digest").GetString()!;
            var result = Peers.Run("node", [verifier, layout.BlobPath(content), Path.Combine(_keys, "cosign.pub")]);
            Assert.IsTrue(result.Succeeded && result.Output.Contains("verified"), result.ToString());
        }
    }

    [TestMethod]
    public void VerifySignature_AcceptsTheKey_AndRefusesAnother_OnTheRegistryAndTheLayout()
    {
        Peers.Expect(_publish);
        var other = Path.Combine(_keys, "other.pem");
        Peers.Expect(Peers.Run("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", other]));
        Peers.Expect(Peers.Run("openssl", ["pkey", "-in", other, "-pubout", "-out", other + ".pub"]));

        foreach (var image in new[] { $"{_registry.Host}/vendored:latest", _project.LayoutPath })
        {
            var right = Tool.InstalledTool.Run(_project, "verify-signature", "--key", Path.Combine(_keys, "cosign.pub"), image);
            var wrong = Tool.InstalledTool.Run(_project, "verify-signature", "--key", other + ".pub", image);

            Assert.AreEqual(0, right.ExitCode, right.ToString());
            StringAssert.Contains(right.Output, "Verified:");
            Assert.AreEqual(1, wrong.ExitCode, wrong.ToString());
        }
    }

    [TestMethod]
    public void WrongPassword_IsGoi6004_AndPushesNothing()
    {
        Peers.Expect(_publish);
        using var project = GoProject.FromSample("vendored");
        project.Environment["COSIGN_PASSWORD"] = "not-" + Sentinel;

        var result = project.Publish($"-p:ContainerRegistry={_registry.Host}", "-p:ContainerRepository=wrongpassword", $"-p:ContainerSigningKey={Path.Combine(_keys, "cosign.key")}");

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Output, "GOI6004");
        Assert.IsFalse(result.Output.Contains(Sentinel, StringComparison.Ordinal));
        Assert.IsFalse(Directory.Exists(project.LayoutPath), "a layout was written");
        Assert.IsFalse(Peers.Skopeo("inspect", "--raw", "--tls-verify=false", $"docker://{_registry.Host}/wrongpassword:latest").Succeeded, "something was pushed");
    }

    [TestMethod]
    public async Task PushOfTheSignedLayout_WithALayerChangedOnDisk_FailsWithGoi2081_AndTheRegistryGetsNothing()
    {
        Peers.Expect(_publish);
        var copy = Path.Combine(_keys, "tampered-layout");
        Peers.Expect(Peers.Run("cp", ["-a", _project.LayoutPath, copy]));
        var layers = new OciLayout(copy).LayerDigests("arm64");
        var layer = layers[^1];
        var path = new OciLayout(copy).BlobPath(layer);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var push = Tool.InstalledTool.Run(_project, "push", copy, $"{_registry.Host}/tampered:latest");

        Assert.AreEqual(1, push.ExitCode, push.ToString());
        StringAssert.Contains(push.Output, "GOI2081");
        StringAssert.Contains(push.Output, layer["sha256:".Length..]);
        Assert.IsFalse(Peers.Skopeo("inspect", "--raw", "--tls-verify=false", $"docker://{_registry.Host}/tampered:latest").Succeeded, "a manifest was pushed");
        using var http = _registry.CreateHttpClient();
        var catalog = await http.GetStringAsync("/v2/_catalog");
        Assert.IsFalse(catalog.Contains("tampered", StringComparison.Ordinal), "the registry has a tampered repository: " + catalog);
    }

    private static bool OpenSslVerifies(byte[] data, byte[] signature)
    {
        var name = Guid.NewGuid().ToString("N");
        var dataPath = Path.Combine(_keys, name + ".data");
        var signaturePath = Path.Combine(_keys, name + ".sig");
        File.WriteAllBytes(dataPath, data);
        File.WriteAllBytes(signaturePath, signature);
        var result = Peers.Run("openssl", ["dgst", "-sha256", "-verify", Path.Combine(_keys, "cosign.pub"), "-signature", signaturePath, dataPath]);
        return result.Succeeded && result.Output.Contains("Verified OK");
    }

    // cosign generate-key-pair's format, from an implementation independent of the SDK's: openssl makes the key,
    // Debian's python3 derives the box key with hashlib.scrypt and seals it with PyNaCl.
    private static void MakeCosignKey(string directory, string password)
    {
        var plain = Path.Combine(directory, "plain.pem");
        Peers.Expect(Peers.Run("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", plain]));
        Peers.Expect(Peers.Run("openssl", ["pkey", "-in", plain, "-pubout", "-out", Path.Combine(directory, "cosign.pub")]));
        const string script = """
            import base64, hashlib, json, os, sys
            import nacl.secret
            pem = open(sys.argv[1]).read()
            der = base64.b64decode("".join(l for l in pem.splitlines() if not l.startswith("-----")))
            salt, nonce = os.urandom(32), os.urandom(24)
            key = hashlib.scrypt(os.environb[b"KEY_PASSWORD"], salt=salt, n=32768, r=8, p=1, maxmem=64 * 1024 * 1024, dklen=32)
            sealed = nacl.secret.SecretBox(key).encrypt(der, nonce).ciphertext
            envelope = {"kdf": {"name": "scrypt", "params": {"N": 32768, "r": 8, "p": 1}, "salt": base64.b64encode(salt).decode()},
                        "cipher": {"name": "nacl/secretbox", "nonce": base64.b64encode(nonce).decode()},
                        "ciphertext": base64.b64encode(sealed).decode()}
            text = base64.b64encode(json.dumps(envelope).encode()).decode()
            body = "\n".join(text[i:i + 64] for i in range(0, len(text), 64))
            open(sys.argv[2], "w").write("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n" + body + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n")
            """;
        Peers.Expect(Peers.Run("/usr/bin/python3", ["-c", script, plain, Path.Combine(directory, "cosign.key")], new Dictionary<string, string?> { ["KEY_PASSWORD"] = password }));
        File.Delete(plain);
    }
}
