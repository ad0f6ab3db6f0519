namespace GoImage.Images;

/// <summary>A descriptor's or config's platform; the names are Go's, as the OCI spec adopted them.</summary>
public sealed record ImagePlatform(string Os, string Architecture, string? Variant)
{
    internal void WriteProperties(CanonicalJsonWriter json)
    {
        json.Property("architecture", Architecture).Property("os", Os);
        if (Variant is not null)
        {
            json.Property("variant", Variant);
        }
    }

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
