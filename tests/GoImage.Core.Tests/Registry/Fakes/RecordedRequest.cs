namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>One request a fake server received, recorded once it was answered.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The request path, for example <c>/v2/goimage/hello/blobs/uploads/</c>.</param>
/// <param name="Query">The query string with its leading <c>?</c>, or empty.</param>
/// <param name="HasAuthorization">Whether an <c>Authorization</c> header was present.</param>
/// <param name="AuthorizationScheme">The scheme of that header (<c>Basic</c>, <c>Bearer</c>), or <see langword="null"/>.</param>
/// <param name="ContentLength">The request's <c>Content-Length</c>, or <see langword="null"/> when it had none.</param>
/// <param name="StatusCode">The status code answered; meaningless when <paramref name="Aborted"/>.</param>
/// <param name="Aborted">Whether the server dropped the connection instead of answering (reset or hang fault).</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    bool HasAuthorization,
    string? AuthorizationScheme,
    long? ContentLength,
    int StatusCode,
    bool Aborted)
{
    /// <summary>The method and the path, as in <c>PUT /v2/x/manifests/latest</c>.</summary>
    public override string ToString() => $"{Method} {Path}{Query} -> {(Aborted ? "aborted" : StatusCode)}";
}
