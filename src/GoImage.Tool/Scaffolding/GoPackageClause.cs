namespace GoImage.Tool.Scaffolding;

/// <summary>
/// The <c>package</c> clause of a Go source file, read past the leading comments, and whether a
/// <c>//go:build ignore</c> constraint (the usual mark of a generator script) keeps it out of builds.
/// </summary>
internal sealed record GoPackageClause(string Name, bool Ignored)
{
    /// <summary>The clause, or null when the text has none before its first declaration.</summary>
    public static GoPackageClause? Read(string source) => Read(source.Split('\n'));

    /// <summary>The clause from a file's lines; reading stops at the clause, so a big file is not read whole.</summary>
    public static GoPackageClause? Read(IEnumerable<string> lines)
    {
        var ignored = false;
        var inBlockComment = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (inBlockComment)
            {
                var end = line.IndexOf("*/", StringComparison.Ordinal);
                if (end < 0)
                {
                    continue;
                }

                inBlockComment = false;
                line = line[(end + 2)..].Trim();
            }

            if (line.StartsWith("/*", StringComparison.Ordinal))
            {
                var end = line.IndexOf("*/", 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    inBlockComment = true;
                    continue;
                }

                line = line[(end + 2)..].Trim();
            }

            if (line.StartsWith("//go:build", StringComparison.Ordinal) || line.StartsWith("// +build", StringComparison.Ordinal))
            {
                ignored |= line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Any(term => term == "ignore");
                continue;
            }

            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("package", StringComparison.Ordinal) && line.Length > 7 && char.IsWhiteSpace(line[7]))
            {
                var name = line[8..].Trim();
                var comment = name.IndexOf("//", StringComparison.Ordinal);
                return new GoPackageClause((comment < 0 ? name : name[..comment]).Trim(), ignored);
            }

            return null;
        }

        return null;
    }
}
