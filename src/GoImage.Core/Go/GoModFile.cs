namespace GoImage.Go;

/// <summary>
/// The parts of a go.mod file the SDK reads: module path, <c>go</c> and <c>toolchain</c> lines,
/// requirements and replacements. Reads the same syntax as Go (blocks, comments, quoted paths).
/// </summary>
public sealed class GoModFile
{
    private GoModFile(string path) => FilePath = path;

    public string FilePath { get; }

    public string? ModulePath { get; private set; }

    /// <summary>The <c>go</c> line (the minimum Go version), as written.</summary>
    public string? GoDirective { get; private set; }

    public int GoDirectiveLine { get; private set; }

    /// <summary>The <c>toolchain</c> line, as written (<c>go1.23.5</c>).</summary>
    public string? ToolchainDirective { get; private set; }

    public int ToolchainDirectiveLine { get; private set; }

    public List<ModuleVersion> Requirements { get; } = [];

    public List<ModuleReplacement> Replacements { get; } = [];

    public static GoModFile Read(string path) => Parse(path, File.ReadAllText(path));

    public static GoModFile Parse(string path, string text)
    {
        var mod = new GoModFile(path);
        string? block = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var tokens = Tokenize(raw);
            if (tokens.Count == 0)
            {
                continue;
            }

            if (block is not null)
            {
                if (tokens[0] == ")")
                {
                    block = null;
                    continue;
                }

                mod.Apply(block, tokens, lineNumber);
                continue;
            }

            // "require ()" is an empty block on one line.
            if (tokens.Count == 3 && tokens[1] == "(" && tokens[2] == ")")
            {
                continue;
            }

            if (tokens.Count == 2 && tokens[1] == "(")
            {
                block = tokens[0];
                continue;
            }

            mod.Apply(tokens[0], tokens.Skip(1).ToList(), lineNumber);
        }

        return mod;
    }

    private void Apply(string verb, List<string> args, int line)
    {
        switch (verb)
        {
            case "module" when args.Count >= 1:
                ModulePath = args[0];
                break;
            case "go" when args.Count >= 1:
                GoDirective = args[0];
                GoDirectiveLine = line;
                break;
            case "toolchain" when args.Count >= 1:
                ToolchainDirective = args[0];
                ToolchainDirectiveLine = line;
                break;
            case "require" when args.Count >= 2:
                Requirements.Add(new ModuleVersion(args[0], args[1]));
                break;
            case "replace":
                var arrow = args.IndexOf("=>");
                if (arrow is 1 or 2 && args.Count - arrow - 1 is 1 or 2)
                {
                    var old = new ModuleVersion(args[0], arrow == 2 ? args[1] : null);
                    var @new = new ModuleVersion(args[arrow + 1], args.Count - arrow - 1 == 2 ? args[arrow + 2] : null);
                    Replacements.Add(new ModuleReplacement(old, @new));
                }

                break;
        }
    }

    // Splits a line into Go's tokens: words, quoted strings and "(" / ")" / "=>", dropping // comments.
    private static List<string> Tokenize(string line)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < line.Length && line[i + 1] == '/')
            {
                break;
            }
            else if (c is '"' or '`')
            {
                var end = line.IndexOf(c, i + 1);
                end = end < 0 ? line.Length : end;
                tokens.Add(line[(i + 1)..end].Replace("\\\"", "\"", StringComparison.Ordinal));
                i = end + 1;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] is not '(' and not ')' &&
                       !(line[i] == '/' && i + 1 < line.Length && line[i + 1] == '/'))
                {
                    i++;
                }

                tokens.Add(line[start..i]);
            }
        }

        return tokens;
    }

    /// <summary>Walks up from <paramref name="directory"/> to the nearest go.mod, as the go command does.</summary>
    public static string? FindModuleFile(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "go.mod");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
