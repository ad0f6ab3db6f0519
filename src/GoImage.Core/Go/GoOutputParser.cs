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
        return Diagnostic.Error("GoCompileError", match.Groups["message"].Value) with
        {
            File = full,
            Line = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture),
            Column = col,
        };
    }
}
