using System.Globalization;

namespace GoImage.IO;

/// <summary>Sizes for people: bytes, KiB or MiB with one decimal, the same in every goimage report.</summary>
public static class ByteSize
{
    public static string Format(long bytes) => bytes switch
    {
        >= 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB"),
        >= 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
