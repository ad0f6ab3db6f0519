namespace GoImage.Diagnostics.Generator;

/// <summary>One &lt;data&gt; of Messages.resx, read and checked: one cause, with its code, severity and named placeholders.</summary>
internal sealed class MessageEntry(string name, string code, string text, IReadOnlyList<string> parameters, MessageTraits traits)
{
    public string Name { get; } = name;

    public string Code { get; } = code;

    /// <summary>The whole template, code prefix included, as in the resx.</summary>
    public string Text { get; } = text;

    /// <summary>One name per placeholder, in placeholder order: the accessor's parameters.</summary>
    public IReadOnlyList<string> Parameters { get; } = parameters;

    public MessageTraits Traits { get; } = traits;
}
