using System.Text;

namespace GoImage.Core.Tests.Sbom;

/// <summary>Bytes laid out like a Go 1.18+ binary's build information, inside filler, for the reader's tests.</summary>
internal static class GoBinaryBytes
{
    public static readonly byte[] Magic = [0xff, .. " Go buildinf:"u8.ToArray()];

    /// <param name="offset">Where the 32-byte header starts (the go command aligns it to 16).</param>
    public static byte[] Create(string goVersion, string modules, int offset = 4096, byte flags = 0x2, bool sentinels = true)
    {
        var bytes = new List<byte>(new byte[offset]);
        bytes.AddRange(Magic);
        bytes.Add(8); // pointer size
        bytes.Add(flags);
        bytes.AddRange(new byte[16]);
        AddString(bytes, Encoding.UTF8.GetBytes(goVersion));
        var text = Encoding.UTF8.GetBytes(modules);
        AddString(bytes, sentinels ? [.. new byte[16].Select(_ => (byte)0x30), .. text, .. new byte[16].Select(_ => (byte)0x31)] : text);
        bytes.AddRange(new byte[512]);
        return [.. bytes];
    }

    private static void AddString(List<byte> bytes, byte[] value)
    {
        var length = (ulong)value.Length;
        while (length >= 0x80)
        {
            bytes.Add((byte)(length | 0x80));
            length >>= 7;
        }

        bytes.Add((byte)length);
        bytes.AddRange(value);
    }
}
