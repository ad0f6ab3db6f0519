namespace GoImage.Layers;

/// <summary>
/// Joins the CRC-32s of consecutive pieces into the CRC-32 of the whole (zlib's crc32_combine, by
/// multiplication modulo the CRC polynomial), so blocks compressed in parallel need no second pass.
/// </summary>
internal static class GzipCrc
{
    private const uint Polynomial = 0xEDB88320u;

    // PowersOfX[k] = x^(2^k) modulo the polynomial, reflected.
    private static readonly uint[] PowersOfX = CreatePowersOfX();

    /// <summary>The CRC-32 of A followed by B, from A's CRC, B's CRC and B's length.</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB) =>
        MultiplyModP(XPow8N(lengthB), crcA) ^ crcB;

    private static uint[] CreatePowersOfX()
    {
        var powers = new uint[32];
        var p = 1u << 30; // x^1
        powers[0] = p;
        for (var k = 1; k < powers.Length; k++)
        {
            p = MultiplyModP(p, p);
            powers[k] = p;
        }

        return powers;
    }

    private static uint MultiplyModP(uint a, uint b)
    {
        var m = 1u << 31;
        var p = 0u;
        while (true)
        {
            if ((a & m) != 0)
            {
                p ^= b;
                if ((a & (m - 1)) == 0)
                {
                    return p;
                }
            }

            m >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }
    }

    // x^(8n): appending n zero bytes.
    private static uint XPow8N(long n)
    {
        var p = 1u << 31; // x^0
        var k = 3;
        while (n != 0)
        {
            if ((n & 1) != 0)
            {
                p = MultiplyModP(PowersOfX[k & 31], p);
            }

            n >>= 1;
            k++;
        }

        return p;
    }
}
