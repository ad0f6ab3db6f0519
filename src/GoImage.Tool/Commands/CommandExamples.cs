using System.CommandLine;
using System.CommandLine.Help;
using System.Runtime.CompilerServices;

namespace GoImage.Tool.Commands;

/// <summary>
/// Adds an "Examples:" section to <c>--help</c>: System.CommandLine's help has none, so the root's help
/// action is wrapped once and every command registers its examples here.
/// </summary>
internal static class CommandExamples
{
    private static readonly ConditionalWeakTable<Command, string[]> Examples = new();

    /// <summary>Registers <paramref name="examples"/> (command lines, each optionally followed by "  # what it does").</summary>
    public static TCommand WithExamples<TCommand>(this TCommand command, params string[] examples)
        where TCommand : Command
    {
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    /// <summary>Makes <paramref name="root"/>'s help option (inherited by every command) print the examples too.</summary>
    public static void EnableOn(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction standard } help)
            {
                help.Action = new ExamplesHelpAction(standard);
            }
        }
    }

    internal static IReadOnlyList<string> For(Command command) =>
        Examples.TryGetValue(command, out var examples) ? examples : [];
}
