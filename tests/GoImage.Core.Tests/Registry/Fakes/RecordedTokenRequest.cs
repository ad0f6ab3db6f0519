namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>One request to the fake registry's token endpoint.</summary>
/// <param name="Method"><c>GET</c> (the Docker token flow) or <c>POST</c> (OAuth2 form, identity tokens).</param>
/// <param name="Service">The <c>service</c> parameter, or <see langword="null"/>.</param>
/// <param name="Scope">Every <c>scope</c> parameter, space separated, or empty.</param>
/// <param name="GrantType">The POST form's <c>grant_type</c>, or <see langword="null"/> for a GET.</param>
/// <param name="HadBasicCredentials">Whether the request carried <c>Authorization: Basic</c>.</param>
/// <param name="Granted">Whether a token was issued.</param>
public sealed record RecordedTokenRequest(
    string Method,
    string? Service,
    string Scope,
    string? GrantType,
    bool HadBasicCredentials,
    bool Granted);
