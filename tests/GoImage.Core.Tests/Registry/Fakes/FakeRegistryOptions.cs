namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>
/// How a <see cref="FakeRegistry"/> behaves. The registry reads these on every request, so a test may change a
/// property while the registry runs (for example turn <see cref="RejectAllTokens"/> on half-way through a push).
/// </summary>
public sealed class FakeRegistryOptions
{
    /// <summary>The name the Bearer challenge and the token endpoint use as <c>service</c>.</summary>
    public const string ServiceName = "fake-registry";

    /// <summary>How requests under <c>/v2/</c> are authenticated; <see cref="FakeAuthMode.None"/> by default.</summary>
    public FakeAuthMode Auth { get; set; }

    /// <summary>
    /// The user name Basic authentication accepts, and the one the token endpoint demands in Bearer mode.
    /// In Bearer mode <see langword="null"/> means the token endpoint gives tokens to anonymous callers.
    /// </summary>
    public string? Username { get; set; }

    /// <summary>The password that goes with <see cref="Username"/>.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// The identity (refresh) token <c>POST /token</c> accepts with <c>grant_type=refresh_token</c>; it is also handed
    /// out as <c>refresh_token</c> when a token request asks for an offline token. <see langword="null"/>: none.
    /// </summary>
    public string? IdentityToken { get; set; }

    /// <summary>How long an issued token is valid (its <c>expires_in</c>); 60 seconds by default.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When set, a token stops being accepted after this many requests used it (request N+1 gets a 401),
    /// to simulate a token expiring in the middle of a push.
    /// </summary>
    public int? ExpireTokensAfterRequests { get; set; }

    /// <summary>When <see langword="true"/>, tokens are still issued but never accepted: every request gets a 401.</summary>
    public bool RejectAllTokens { get; set; }

    /// <summary>Whether cross-repository mounts are answered 201 (when the blob exists in <c>from</c>); otherwise 202.</summary>
    public bool MountEnabled { get; set; } = true;

    /// <summary>When set, sent as <c>OCI-Chunk-Min-Length</c> and enforced for every chunk but the last.</summary>
    public int? ChunkMinLength { get; set; }

    /// <summary>Answers a manifest PUT that has a <c>subject</c> with <c>OCI-Subject</c>, as a registry with the referrers API does.</summary>
    public bool ReferrersApi { get; set; }

    /// <summary>Upload <c>Location</c> headers are absolute (<c>http://127.0.0.1:port/v2/…</c>) instead of relative.</summary>
    public bool AbsoluteLocations { get; set; }

    /// <summary>
    /// The <c>Range</c> header of an upload that holds no byte yet; <see langword="null"/> (the default) leaves the header
    /// out. Set <c>"0-0"</c> to copy the CNCF distribution registry (ambiguous with a one-byte upload).
    /// </summary>
    public string? EmptyUploadRange { get; set; }

    /// <summary>When set, a manifest PUT larger than this many bytes is answered 413 (<c>SIZE_INVALID</c>).</summary>
    public long? MaxManifestBytes { get; set; }

    /// <summary>
    /// When set, a blob GET (of a blob that exists) is answered with a 307 to <c>&lt;base&gt;blobs/&lt;digest&gt;</c>,
    /// typically a <see cref="RecordingServer"/> on another port.
    /// </summary>
    public Uri? BlobRedirectBase { get; set; }

    /// <summary>The clock tokens expire by.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}
