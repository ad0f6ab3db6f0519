using System.Globalization;

namespace GoImage.Tool.Output;

/// <summary>Sizes as the SDK's own messages print them (KiB and MiB, one decimal).</summary>
internal static class ByteSize
{
    public static string Format(long bytes) =>
        bytes >= 1 << 20 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB")
        : bytes >= 1 << 10 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
}
