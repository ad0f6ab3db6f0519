using System.Net.Http.Headers;

namespace GoImage.Registry;

/// <summary>A registry's <c>WWW-Authenticate</c> answer: the scheme (Basic or Bearer) and its parameters (realm, service, scope).</summary>
internal sealed record AuthenticationChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>The first Bearer or Basic challenge of a 401 response, or null when it has none.</summary>
    public static AuthenticationChallenge? From(HttpResponseMessage response)
    {
        var challenges = response.Headers.WwwAuthenticate.Select(Parse).OfType<AuthenticationChallenge>().ToList();
        return challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic);
    }

    private static AuthenticationChallenge? Parse(AuthenticationHeaderValue header)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = header.Parameter ?? "";
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }

            var name = text[i..equals].Trim();
            i = equals + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                // A quoted value may hold commas (scope="repository:a:pull,push") and escaped quotes.
                var builder = new System.Text.StringBuilder();
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    builder.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }

                value = builder.ToString();
                i++;
            }
            else
            {
                var comma = text.IndexOf(',', i);
                value = (comma < 0 ? text[i..] : text[i..comma]).Trim();
                i = comma < 0 ? text.Length : comma;
            }

            parameters[name] = value;
        }

        return new AuthenticationChallenge(header.Scheme, parameters);
    }
}
