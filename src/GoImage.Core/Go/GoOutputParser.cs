using System.Globalization;
using System.Text.RegularExpressions;
using GoImage.Diagnostics;

namespace GoImage.Go;

/// <summary>Turns the go command's <c>file:line:col: message</c> lines into diagnostics with a place.</summary>
public static partial class GoOutputParser
{
    [GeneratedRegex(@"^(?<file>[^\s:][^:]*\.(?:go|s|mod|sum)):(?<line>\d+)(?::(?<col>\d+))?: (?<message>.+)$")]
    private static partial Regex Located();

    /// <summary>A located diagnostic for the line, or null when the line names no file.</summary>
    public static Diagnostic? Parse(string line, string workingDirectory)
    {
        var match = Located().Match(line.Trim());
        if (!match.Success)
        {
            return null;
        }

        var file = match.Groups["file"].Value;
        var full = Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(workingDirectory, file));
        var col = match.Groups["col"].Success ? int.Parse(match.Groups["col"].Value, CultureInfo.InvariantCulture) : 0;
        return Diagnostic.GoCompileError(match.Groups["message"].Value) with
        {
            File = full,
            Line = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture),
            Column = col,
        };
    }

    /// <summary>
    /// One diagnostic per error in a failed go build's standard error. Go continues an error on
    /// tab-indented lines (<c>imports …</c>, <c>have …</c>/<c>want …</c>), so those join the line
    /// before into one message; <c># package</c> headers start nothing. An error that names no file
    /// is GOI1008 with Go's words; one saying that build constraints exclude every file is GOI1021,
    /// with a hint at the settings that decide which files Go sees.
    /// </summary>
    public static IReadOnlyList<Diagnostic> ParseBuildErrors(IEnumerable<string> lines, string workingDirectory, GoPlatform platform, int exitCode)
    {
        var errors = new List<List<string>>();
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0 || line.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }

            if (char.IsWhiteSpace(line[0]) && errors.Count > 0)
            {
                errors[^1].Add(line.Trim());
            }
            else
            {
                errors.Add([line.Trim()]);
            }
        }

        if (errors.Count == 0)
        {
            return [Diagnostic.GoBuildFailed(platform, exitCode, "")];
        }

        return errors.Select(error => ToDiagnostic(error, workingDirectory, platform, exitCode)).ToList();
    }

    private static Diagnostic ToDiagnostic(List<string> error, string workingDirectory, GoPlatform platform, int exitCode)
    {
        // One line, so MSBuild shows one error rather than one per line of Go's text.
        var located = Parse(error[0], workingDirectory);
        var text = string.Join(' ', [located?.Message ?? error[0], .. error.Skip(1)]);
        var diagnostic = text.Contains("build constraints exclude all Go files", StringComparison.Ordinal)
            ? Diagnostic.GoBuildConstraintsExcludeAll(text, platform)
            : located is not null ? Diagnostic.GoCompileError(text) : Diagnostic.GoBuildFailed(platform, exitCode, text);
        return located is null ? diagnostic : diagnostic with { File = located.File, Line = located.Line, Column = located.Column };
    }
}
