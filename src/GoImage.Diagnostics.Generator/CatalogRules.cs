using Microsoft.CodeAnalysis;

namespace GoImage.Diagnostics.Generator;

/// <summary>The generator's own errors: each fails the build of GoImage.Core and names the resx line to fix.</summary>
internal static class CatalogRules
{
    private const string Category = "GoImage.Diagnostics";

    public static readonly DiagnosticDescriptor Unreadable = Rule(
        "GOIGEN01", "Messages.resx cannot be read", "Messages.resx cannot be read: {0}");

    public static readonly DiagnosticDescriptor NoCode = Rule(
        "GOIGEN02", "Message without a GOI code", "The message '{0}' does not start with a GOI code and a colon, such as 'GOI1234: '");

    public static readonly DiagnosticDescriptor DuplicateCode = Rule(
        "GOIGEN03", "Code used twice", "The message '{0}' uses {1}, which '{2}' already uses: give it a code of its own");

    public static readonly DiagnosticDescriptor PlaceholderGap = Rule(
        "GOIGEN04", "Placeholders with a gap", "The message '{0}' uses {1} but not {{{2}}}: number its placeholders from {{0}} without gaps");

    public static readonly DiagnosticDescriptor BadComment = Rule(
        "GOIGEN05", "Malformed comment", "The message '{0}' has the comment '{1}': write '<error|warning>[ usage][ canceled][: name, name, ...]', one C# name per placeholder");

    public static readonly DiagnosticDescriptor ParameterCount = Rule(
        "GOIGEN06", "Parameter names do not match placeholders", "The message '{0}' has {1} placeholder(s) but its comment names {2} parameter(s)");

    public static readonly DiagnosticDescriptor BadName = Rule(
        "GOIGEN07", "Name unusable as an accessor", "The message name '{0}' {1}");

    private static DiagnosticDescriptor Rule(string id, string title, string format) =>
        new(id, title, format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
