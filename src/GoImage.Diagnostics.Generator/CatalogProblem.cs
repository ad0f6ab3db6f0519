using Microsoft.CodeAnalysis;

namespace GoImage.Diagnostics.Generator;

/// <summary>A malformed entry: which rule it breaks, on which line of the resx.</summary>
internal sealed class CatalogProblem(DiagnosticDescriptor rule, int line, params object[] arguments)
{
    public DiagnosticDescriptor Rule { get; } = rule;

    /// <summary>1-based; 0 when the file as a whole is wrong.</summary>
    public int Line { get; } = line;

    public object[] Arguments { get; } = arguments;
}
