namespace GoImage.Layers;

/// <summary>A base's /etc/passwd and /etc/group as bytes (null where the base has none), and what the base is, for messages.</summary>
public sealed record AccountFiles(byte[]? Passwd, byte[]? Group, string Source)
{
    public static AccountFiles Scratch { get; } = new(null, null, "the scratch base (no /etc/passwd)");

    public static AccountFiles Static { get; } = new(StaticBase.PasswdContent, StaticBase.GroupContent, $"the embedded {StaticBase.Name} base");

    /// <summary>Same bytes in both files, whatever the source is called.</summary>
    public bool SameContent(AccountFiles other) =>
        (Passwd ?? []).AsSpan().SequenceEqual(other.Passwd ?? []) && (Group ?? []).AsSpan().SequenceEqual(other.Group ?? []);
}
