namespace GoImage.Go;

/// <summary>Splits flag strings the way the go command splits GOFLAGS and -ldflags: spaces, with quotes grouping.</summary>
public static class GoCommandLine
{
    public static List<string> Split(string text)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var inField = false;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inField = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inField)
                {
                    fields.Add(current.ToString());
                    current.Clear();
                    inField = false;
                }
            }
            else
            {
                current.Append(c);
                inField = true;
            }
        }

        if (inField)
        {
            fields.Add(current.ToString());
        }

        return fields;
    }

    /// <summary>Quotes one field for -ldflags when it holds spaces or quotes.</summary>
    public static string Quote(string field) =>
        field.Length > 0 && !field.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? field
        : field.Contains('\'', StringComparison.Ordinal) ? $"\"{field}\"" : $"'{field}'";

    /// <summary>True when a flag list asks for -toolexec in any spelling Go accepts.</summary>
    public static bool HasToolexec(IEnumerable<string> flags) => flags.Any(f =>
        f.TrimStart('-').StartsWith("toolexec", StringComparison.Ordinal));
}
