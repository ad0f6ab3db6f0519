using System.Globalization;
using System.Resources;

namespace GoImage.Diagnostics;

/// <summary>
/// A user-facing message with its GOI code and, where it has one, the place in a file it is about.
/// Each entry of Messages.resx becomes a static method here (generated: <c>Diagnostic.GoNotFound(tried)</c>),
/// carrying the entry's code, severity and traits; the text starts with the code in the resx.
/// </summary>
public sealed partial record Diagnostic(string Code, string Message, bool IsWarning = false)
{
    private static readonly ResourceManager Resources =
        new("GoImage.Diagnostics.Messages", typeof(Diagnostic).Assembly);

    public string? File { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    /// <summary>The user named something that is not there or not valid: fixing the command line fixes it.</summary>
    public bool IsUsageError { get; init; }

    /// <summary>The user stopped the work; nothing is wrong with the inputs.</summary>
    public bool IsCancellation { get; init; }

    // Called by the generated accessors only, with a name the generator read from the resx.
    private static string Format(string resourceName, params object?[] args)
    {
        var template = Resources.GetString(resourceName, CultureInfo.InvariantCulture)!;
        var text = string.Format(CultureInfo.InvariantCulture, template, args);
        return text[(text.IndexOf(": ", StringComparison.Ordinal) + 2)..];
    }

    public override string ToString()
    {
        var where = File is null ? "" : Line > 0 ? $"{File}({Line},{Column}): " : $"{File}: ";
        return $"{where}{(IsWarning ? "warning" : "error")} {Code}: {Message}";
    }
}
