using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GoImage.Diagnostics.Generator;

/// <summary>
/// Strongly typed diagnostics, as the .NET SDK's Strings are: each Messages.resx entry becomes
/// <c>Diagnostic.Name(named, arguments)</c> with its own code and severity, so a missing name or a wrong argument
/// count is a compile error instead of a run-time surprise. A malformed entry fails the build.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DiagnosticAccessorGenerator : IIncrementalGenerator
{
    private const string CatalogFileName = "Messages.resx";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var catalogs = context.AdditionalTextsProvider
            .Where(file => string.Equals(Path.GetFileName(file.Path), CatalogFileName, StringComparison.OrdinalIgnoreCase))
            .Select((file, cancellationToken) => (file.Path, Text: file.GetText(cancellationToken)?.ToString() ?? ""));

        context.RegisterSourceOutput(catalogs, static (output, file) =>
        {
            var catalog = MessageCatalog.Parse(file.Text);
            var lines = SourceText.From(file.Text).Lines;
            foreach (var problem in catalog.Problems)
            {
                var line = Math.Max(0, Math.Min(problem.Line - 1, lines.Count - 1));
                var location = Location.Create(file.Path, lines[line].Span, lines[line].Span.Length == 0
                    ? new LinePositionSpan(new LinePosition(line, 0), new LinePosition(line, 0))
                    : lines.GetLinePositionSpan(lines[line].Span));
                output.ReportDiagnostic(Diagnostic.Create(problem.Rule, location, problem.Arguments));
            }

            if (catalog.Problems.Count == 0)
            {
                output.AddSource("Diagnostic.Messages.g.cs", AccessorWriter.Write(catalog.Entries));
            }
        });
    }
}
