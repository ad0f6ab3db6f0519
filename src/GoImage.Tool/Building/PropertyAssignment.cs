using GoImage.Diagnostics;
using GoImage.Tool.Commands;

namespace GoImage.Tool.Building;

/// <summary>One <c>-p name=value</c>: a global property, as <c>dotnet build -p:</c> takes it.</summary>
internal sealed record PropertyAssignment(string Name, string Value)
{
    public static PropertyAssignment Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? "" : text[..equals].Trim();
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new CommandLineException(Diagnostic.ToolPropertyInvalid(text));
        }

        return new PropertyAssignment(name, text[(equals + 1)..]);
    }
}
