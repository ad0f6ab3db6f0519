namespace GoImage.Kubernetes;

/// <summary>
/// One scalar in a manifest whose whole value is <c>goimage://&lt;name&gt;</c>: the project it names and the exact
/// characters of its token (quotes included), so it can be replaced without touching anything around it.
/// </summary>
/// <param name="Name">The project name after the scheme.</param>
/// <param name="Start">Index of the token's first character in the manifest's text.</param>
/// <param name="End">Index just past the token's last character (the closing quote of a quoted scalar).</param>
/// <param name="Line">1-based line of the token.</param>
/// <param name="Column">1-based column of the token.</param>
/// <param name="Quote">The quote the token is written with ('"' or '\''), or null for a plain scalar.</param>
public sealed record ImageSchemeScalar(string Name, int Start, int End, int Line, int Column, char? Quote)
{
    public const string Scheme = "goimage://";

    /// <summary>The token that replaces this one: the reference in the same quoting style.</summary>
    public string Token(string reference) => Quote is { } q ? $"{q}{reference}{q}" : reference;
}
