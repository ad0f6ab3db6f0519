using System.Collections.Concurrent;
using GoImage.Core.Tests.Registry.Fakes;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layouts;
using GoImage.Registry;

namespace GoImage.Core.Tests.Registry;

/// <summary>What the registry client tests share: fast options, credentials from a fake environment, and request-log queries.</summary>
internal static class RegistryTestKit
{
    public const string Repository = "goimage/app";

    /// <summary>A guard against a test hanging the whole run; no test comes near it.</summary>
    private static readonly TimeSpan TestGuard = TimeSpan.FromSeconds(30);

    /// <summary>Retries that take milliseconds, not seconds; an idle timeout no healthy request comes near.</summary>
    public static RegistryOptions Fast { get; } = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetries = 3,
        MaxRetryAfter = TimeSpan.FromSeconds(1),
        IdleTimeout = TimeSpan.FromSeconds(10),
        Parallelism = 4,
    };

    /// <summary>No environment variable and no Docker config: the registry is contacted anonymously.</summary>
    public static CredentialStore Anonymous() => Credentials(new Dictionary<string, string>());

    /// <summary>GOIMAGE_PUSH_REGISTRY_USERNAME/PASSWORD (or PULL) set in a fake environment.</summary>
    public static CredentialStore EnvironmentCredentials(string user, string password, RegistryRole role = RegistryRole.Push)
    {
        var prefix = role == RegistryRole.Push ? "GOIMAGE_PUSH_REGISTRY_" : "GOIMAGE_PULL_REGISTRY_";
        return Credentials(new Dictionary<string, string> { [prefix + "USERNAME"] = user, [prefix + "PASSWORD"] = password });
    }

    public static CredentialStore Credentials(IReadOnlyDictionary<string, string> environment, string? dockerConfigDirectory = null) =>
        new(name => environment.GetValueOrDefault(name), dockerConfigDirectory, TimeSpan.FromSeconds(5));

    public static RegistryClient Client(
        FakeRegistry registry,
        RegistryOptions? options = null,
        CredentialStore? credentials = null,
        ConcurrentQueue<Diagnostic>? warnings = null,
        RegistryRole role = RegistryRole.Push) =>
        new(registry.Host, role, credentials ?? Anonymous(), options ?? Fast, warnings is null ? null : warnings.Enqueue);

    /// <summary>Pushes <paramref name="image"/> to <see cref="Repository"/> under <paramref name="tags"/>.</summary>
    public static async Task<ImagePushResult> PushAsync(
        RegistryClient client, TestLayout image, IReadOnlyList<string> tags, IReadOnlyDictionary<Digest, string>? mountSources = null, PushRecord? record = null, CancellationToken cancellationToken = default)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(TestGuard);
        return await ImagePusher.PushAsync(
            client, OciLayout.Open(image.Path), image.IndexDigest, Repository, tags, mountSources ?? new Dictionary<Digest, string>(), record, null, guard.Token);
    }

    /// <summary>Pushes one blob of <paramref name="image"/> with <see cref="RegistryClient.PushBlobAsync"/>.</summary>
    public static async Task<BlobPushOutcome> PushBlobAsync(RegistryClient client, Descriptor blob, byte[] bytes, string? mountFrom = null)
    {
        using var guard = new CancellationTokenSource(TestGuard);
        return await client.PushBlobAsync(Repository, blob, () => new MemoryStream(bytes, writable: false), mountFrom, null, guard.Token);
    }

    /// <summary>A layer descriptor for <paramref name="bytes"/>.</summary>
    public static Descriptor LayerOf(byte[] bytes) => new(MediaTypes.LayerGzip, Digest.Of(bytes), bytes.Length);

    /// <summary>Requests that start or feed an upload: POST, PUT or PATCH under /blobs/uploads/.</summary>
    public static IReadOnlyList<RecordedRequest> UploadWrites(FakeRegistry registry) =>
        registry.Requests.Where(r => r.Path.Contains("/blobs/uploads/", StringComparison.Ordinal) && r.Method is "POST" or "PUT" or "PATCH").ToList();

    /// <summary>How many requests had this method and a path containing <paramref name="pathPart"/>.</summary>
    public static int Count(FakeRegistry registry, string method, string pathPart) =>
        registry.Requests.Count(r => r.Method == method && r.Path.Contains(pathPart, StringComparison.Ordinal));

    /// <summary>The request log, one request a line, for assertion messages.</summary>
    public static string Log(FakeRegistry registry) => string.Join(Environment.NewLine, registry.Requests);
}
