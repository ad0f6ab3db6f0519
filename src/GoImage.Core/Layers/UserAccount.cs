namespace GoImage.Layers;

/// <summary>A ContainerUserAccount item as written: the name, and Uid, Gid, Home and Shell metadata (empty for defaults).</summary>
public sealed record UserAccount(string Name)
{
    public string Uid { get; init; } = "";

    public string Gid { get; init; } = "";

    public string Home { get; init; } = "";

    public string Shell { get; init; } = "";
}
