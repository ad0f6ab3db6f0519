using System.Globalization;
using System.Text.RegularExpressions;
using GoImage.Diagnostics;

namespace GoImage.Go;

/// <summary>Turns the go command's <c>file:line:col: message</c> lines into diagnostics with a place.</summary>
public static partial class GoOutputParser
{
    [GeneratedRegex(@"^(?<file>[^\s:][^:]*\.(?:go|s|mod|sum)):(?<line>\d+)(?::(?<col>\d+))?: (?<message>.+)$")]
    private static partial Regex Located();

    // gcc and clang: "add.c:3:68: error: expected ';' before '}' token" (a fatal error too).
    [GeneratedRegex(@"^(?<file>[^\s:][^:]*\.(?:c|h|cc|cpp|cxx|hh|hpp|hxx|m|S|sx)):(?<line>\d+):(?<col>\d+): (?:fatal )?error: (?<message>.+)$")]
    private static partial Regex CLocated();

    // What a C compiler prints around its errors: context, notes, warnings and the source excerpt with its caret.
    [GeneratedRegex(@"^(?:In file included from |\s+from |[^\s:][^:]*: (?:In (?:function|member function|constructor)|At top level)|[^\s:][^:]*:\d+:\d+: (?:note|warning): |\s*\d*\s*\|)")]
    private static partial Regex CContext();

    // The go linker handing over to the C compiler: "…/link: running gcc failed: exit status 1".
    [GeneratedRegex(@"/link: running \S+ failed: ")]
    private static partial Regex ExternalLinkFailed();

    [GeneratedRegex(@"cannot find -l(?<library>[^\s:]+)")]
    private static partial Regex LibraryNotFound();

    [GeneratedRegex(@"undefined reference to [`'‘](?<symbol>[^'’`]+)['’]")]
    private static partial Regex UndefinedReference();

    // libm's functions: since glibc 2.34 libc holds much else, but a static link still needs -lm for these.
    private static readonly HashSet<string> MathSymbols = new(StringComparer.Ordinal)
    {
        "sqrt", "sqrtf", "pow", "powf", "exp", "expf", "exp2", "log", "logf", "log2", "log10", "log1p", "expm1",
        "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
        "floor", "ceil", "round", "trunc", "fmod", "fabs", "hypot", "cbrt", "lround", "llround", "rint", "lrint", "nearbyint",
        "fmin", "fmax", "frexp", "ldexp", "modf", "erf", "erfc", "lgamma", "tgamma",
    };

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
        var all = lines.ToList();
        if (all.Any(l => ExternalLinkFailed().IsMatch(l)) && LinkErrors(all, platform) is { Count: > 0 } linkErrors)
        {
            return linkErrors;
        }

        var errors = new List<List<string>>();
        var cErrors = new List<Diagnostic>();
        string? package = null;
        foreach (var line in all)
        {
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                package = line[2..].Trim();
                continue;
            }

            if (line.Trim().Length == 0 || CContext().IsMatch(line))
            {
                continue;
            }

            if (CLocated().Match(line.Trim()) is { Success: true } c)
            {
                cErrors.Add(Diagnostic.CCompileError(c.Groups["message"].Value, platform) with
                {
                    File = CSourcePath(c.Groups["file"].Value, workingDirectory, package),
                    Line = int.Parse(c.Groups["line"].Value, CultureInfo.InvariantCulture),
                    Column = int.Parse(c.Groups["col"].Value, CultureInfo.InvariantCulture),
                });
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

        if (errors.Count == 0 && cErrors.Count == 0)
        {
            return [Diagnostic.GoBuildFailed(platform, exitCode, "")];
        }

        return [.. cErrors, .. errors.Select(error => ToDiagnostic(error, workingDirectory, platform, exitCode))];
    }

    /// <summary>The C linker's errors Go passes on, each as what to do: a missing -l library, an undefined symbol.</summary>
    private static List<Diagnostic> LinkErrors(List<string> lines, GoPlatform platform)
    {
        var found = new List<Diagnostic>();
        var debian = DebianCrossCompiler.For(platform);
        foreach (var line in lines)
        {
            if (LibraryNotFound().Match(line) is { Success: true } library)
            {
                var name = library.Groups["library"].Value;
                var dev = $"lib{name}-dev";
                found.Add(Diagnostic.CLibraryNotFound(platform, name, debian is null ? dev : debian.DevPackage(dev)));
            }
            else if (UndefinedReference().Match(line) is { Success: true } undefined)
            {
                var symbol = undefined.Groups["symbol"].Value;
                found.Add(MathSymbols.Contains(symbol) ? Diagnostic.CUndefinedReference(platform, symbol, "m") : Diagnostic.CUndefinedSymbol(platform, symbol));
            }
        }

        return found.Distinct().ToList();
    }

    // gcc names the file as cgo gave it, relative to the package's folder: the "# import/path" header
    // above says which package, and go.mod's module path maps it to a folder of the module.
    private static string CSourcePath(string file, string workingDirectory, string? package)
    {
        if (Path.IsPathRooted(file))
        {
            return file;
        }

        var goMod = Path.Combine(workingDirectory, "go.mod");
        if (package is not null && File.Exists(goMod) && GoModFile.Read(goMod).ModulePath is { } module)
        {
            var relative = package == module ? "" : package.StartsWith(module + "/", StringComparison.Ordinal) ? package[(module.Length + 1)..] : null;
            var inVendor = Path.Combine(workingDirectory, "vendor", package, file);
            var candidate = relative is not null ? Path.Combine(workingDirectory, relative, file) : inVendor;
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return Path.GetFullPath(Path.Combine(workingDirectory, file));
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
