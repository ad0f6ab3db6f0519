using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace GoImage.Tool.Commands;

/// <summary>System.CommandLine's help, followed by the command's <see cref="CommandExamples"/>.</summary>
internal sealed class ExamplesHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var result = standard.Invoke(parseResult);
        var examples = CommandExamples.For(parseResult.CommandResult.Command);
        if (examples.Count > 0)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine("  " + example);
            }

            output.WriteLine();
        }

        return result;
    }
}
