using System.Globalization;
using System.Resources;

namespace GoImage.Diagnostics;

/// <summary>
/// A user-facing message with its GOI code and, where it has one, the place in a file it is about.
/// The text comes from Messages.resx, where each message starts with its code.
/// </summary>
public sealed record Diagnostic(string Code, string Message, bool IsWarning = false)
{
    internal static readonly ResourceManager Resources =
        new("GoImage.Diagnostics.Messages", typeof(Diagnostic).Assembly);

    public string? File { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    /// <summary>Builds the diagnostic named <paramref name="resourceName"/> (e.g. <c>GoNotFound</c>).</summary>
    public static Diagnostic Error(string resourceName, params object?[] args) => Create(resourceName, false, args);

    public static Diagnostic Warning(string resourceName, params object?[] args) => Create(resourceName, true, args);

    private static Diagnostic Create(string resourceName, bool warning, object?[] args)
    {
        var template = Resources.GetString(resourceName, CultureInfo.InvariantCulture)
            ?? throw new ArgumentException($"No message named {resourceName}", nameof(resourceName));
        var text = string.Format(CultureInfo.InvariantCulture, template, args);
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return new Diagnostic(text[..colon], text[(colon + 2)..], warning);
    }

    public override string ToString()
    {
        var where = File is null ? "" : Line > 0 ? $"{File}({Line},{Column}): " : $"{File}: ";
        return $"{where}{(IsWarning ? "warning" : "error")} {Code}: {Message}";
    }
}
