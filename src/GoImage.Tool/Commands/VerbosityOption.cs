using System.CommandLine;
using GoImage.Tool.Output;

namespace GoImage.Tool.Commands;

/// <summary>
/// <c>--verbosity</c>, added once to the root command and inherited by every command; each reads it
/// with <see cref="Read"/>.
/// </summary>
internal static class VerbosityOption
{
    public const string Name = "--verbosity";

    public static Option<Verbosity> Create() => new(Name, "-v")
    {
        Description = "How much to print: q[uiet], m[inimal], n[ormal] or d[etailed].",
        HelpName = "level",
        Recursive = true,
        DefaultValueFactory = _ => Verbosity.Minimal,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (Parse(text) is { } verbosity)
            {
                return verbosity;
            }

            result.AddError($"'{text}' is not a verbosity: use quiet, minimal, normal or detailed.");
            return Verbosity.Minimal;
        },
    };

    /// <summary>The verbosity the command line asked for (minimal when it did not).</summary>
    public static Verbosity Read(ParseResult parseResult) => parseResult.GetValue<Verbosity>(Name);

    /// <summary>MSBuild's spellings, whole or abbreviated to their first letter.</summary>
    internal static Verbosity? Parse(string text) => text.ToLowerInvariant() switch
    {
        "q" or "quiet" => Verbosity.Quiet,
        "m" or "minimal" => Verbosity.Minimal,
        "n" or "normal" => Verbosity.Normal,
        "d" or "detailed" or "diag" or "diagnostic" => Verbosity.Detailed,
        _ => null,
    };
}
