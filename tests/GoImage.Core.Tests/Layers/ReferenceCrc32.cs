namespace GoImage.Core.Tests.Layers;

/// <summary>
/// CRC-32 as gzip defines it (IEEE, reflected, polynomial 0xEDB88320), bit by bit: deliberately
/// not the table-driven code under test, so a gzip trailer can be checked independently.
/// </summary>
internal static class ReferenceCrc32
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
