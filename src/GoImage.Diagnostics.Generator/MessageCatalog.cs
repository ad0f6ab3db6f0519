using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace GoImage.Diagnostics.Generator;

/// <summary>
/// Reads Messages.resx into entries and checks the rules every entry keeps: a unique GOI code first,
/// placeholders {0}..{n-1} without gaps, and a comment that gives the severity and a name per placeholder.
/// </summary>
internal sealed class MessageCatalog
{
    private static readonly Regex CodePrefix = new(@"^(GOI\d{4}): ", RegexOptions.CultureInvariant);
    private static readonly Regex Placeholder = new(@"\{(\d+)(,[^}]*)?(:[^}]*)?\}", RegexOptions.CultureInvariant);
    private static readonly Regex Comment = new(@"^\s*(error|warning)((?:\s+(?:usage|canceled))*)\s*(?::(.*))?$", RegexOptions.CultureInvariant);

    // Members the record Diagnostic already has: an accessor of the same name would not compile or would hide them.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "Code", "Message", "IsWarning", "IsUsageError", "IsCancellation", "File", "Line", "Column", "Codes",
        "Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers", "EqualityContract", "Format", "GetType",
    };

    private MessageCatalog(IReadOnlyList<MessageEntry> entries, IReadOnlyList<CatalogProblem> problems)
    {
        Entries = entries;
        Problems = problems;
    }

    public IReadOnlyList<MessageEntry> Entries { get; }

    public IReadOnlyList<CatalogProblem> Problems { get; }

    public static MessageCatalog Parse(string xml)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return new MessageCatalog([], [new CatalogProblem(CatalogRules.Unreadable, e.LineNumber, e.Message)]);
        }

        var entries = new List<MessageEntry>();
        var problems = new List<CatalogProblem>();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var data in document.Root?.Elements("data") ?? [])
        {
            var line = ((IXmlLineInfo)data).LineNumber;
            var name = (string?)data.Attribute("name") ?? "";
            var text = (string?)data.Element("value") ?? "";
            var comment = (string?)data.Element("comment");
            var before = problems.Count;

            if (!SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
            {
                problems.Add(new CatalogProblem(CatalogRules.BadName, line, name, "is not a C# identifier"));
            }
            else if (Reserved.Contains(name))
            {
                problems.Add(new CatalogProblem(CatalogRules.BadName, line, name, "is already a member of Diagnostic: choose another"));
            }
            else if (!names.Add(name))
            {
                problems.Add(new CatalogProblem(CatalogRules.BadName, line, name, "is used by another message: names are unique"));
            }

            var code = CodePrefix.Match(text);
            if (!code.Success)
            {
                problems.Add(new CatalogProblem(CatalogRules.NoCode, line, name));
            }
            else if (codes.TryGetValue(code.Groups[1].Value, out var owner))
            {
                problems.Add(new CatalogProblem(CatalogRules.DuplicateCode, line, name, code.Groups[1].Value, owner));
            }
            else
            {
                codes.Add(code.Groups[1].Value, name);
            }

            var used = Placeholder.Matches(text.Replace("{{", "").Replace("}}", ""))
                .Cast<Match>().Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                .Distinct().OrderBy(n => n).ToList();
            var count = used.Count == 0 ? 0 : used[used.Count - 1] + 1;
            var gap = Enumerable.Range(0, count).Where(n => !used.Contains(n)).DefaultIfEmpty(-1).First();
            if (gap >= 0)
            {
                problems.Add(new CatalogProblem(CatalogRules.PlaceholderGap, line, name, $"{{{used[used.Count - 1]}}}", gap));
            }

            var parsed = comment is null ? null : ParseComment(comment);
            if (parsed is null)
            {
                problems.Add(new CatalogProblem(CatalogRules.BadComment, line, name, comment ?? "(none)"));
            }
            else if (parsed.Value.Parameters.Count != count)
            {
                problems.Add(new CatalogProblem(CatalogRules.ParameterCount, line, name, count, parsed.Value.Parameters.Count));
            }

            if (problems.Count == before)
            {
                entries.Add(new MessageEntry(name, code.Groups[1].Value, text, parsed!.Value.Parameters, parsed.Value.Traits));
            }
        }

        return new MessageCatalog(entries, problems);
    }

    // "error usage: reference, problem" → Usage and two parameters; null when malformed.
    private static (MessageTraits Traits, IReadOnlyList<string> Parameters)? ParseComment(string comment)
    {
        var match = Comment.Match(comment);
        if (!match.Success)
        {
            return null;
        }

        var traits = match.Groups[1].Value == "warning" ? MessageTraits.Warning : MessageTraits.None;
        foreach (var flag in match.Groups[2].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            traits |= flag == "usage" ? MessageTraits.Usage : MessageTraits.Canceled;
        }

        var parameters = match.Groups[3].Success
            ? match.Groups[3].Value.Split(',').Select(p => p.Trim()).ToList()
            : [];
        var valid = parameters.All(p => SyntaxFacts.IsValidIdentifier(p) && p.Length > 0 && char.IsLower(p[0]))
            && parameters.Distinct(StringComparer.Ordinal).Count() == parameters.Count;
        return valid ? (traits, parameters) : null;
    }
}
