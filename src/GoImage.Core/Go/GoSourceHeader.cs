using System.Text;

namespace GoImage.Go;

/// <summary>
/// The part of a Go source file that <c>go list</c> answers from: everything before the first top-level
/// declaration (build constraints, the package clause, a cgo preamble, the imports) and every
/// <c>//go:embed</c> line. An edit outside it (a function body, a string constant) leaves the answer as it was.
/// </summary>
public static class GoSourceHeader
{
    public static string Of(string source)
    {
        var end = HeaderEnd(source);
        var header = new StringBuilder(source, 0, end, end + 64);
        foreach (var line in source[end..].Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("//go:embed", StringComparison.Ordinal))
            {
                header.Append('\n').Append(trimmed);
            }
        }

        return header.ToString();
    }

    // Go requires imports before any other declaration, so the first func, var, const or type outside
    // parentheses, comments and literals ends the header. Malformed text ends it late, never early.
    private static int HeaderEnd(string source)
    {
        var depth = 0;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            var next = i + 1 < source.Length ? source[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                i = source.IndexOf('\n', i);
                if (i < 0)
                {
                    return source.Length;
                }
            }
            else if (c == '/' && next == '*')
            {
                var close = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    return source.Length;
                }

                i = close + 2;
            }
            else if (c is '"' or '\'')
            {
                i++;
                while (i < source.Length && source[i] != c && source[i] != '\n')
                {
                    i += source[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else if (c == '`')
            {
                var close = source.IndexOf('`', i + 1);
                if (close < 0)
                {
                    return source.Length;
                }

                i = close + 1;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }

                if (depth == 0 && source.AsSpan(start, i - start) is "func" or "var" or "const" or "type")
                {
                    return start;
                }
            }
            else
            {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                i++;
            }
        }

        return source.Length;
    }
}
