namespace GoImage.Sdk.IntegrationTests;

/// <summary>Just enough ELF reading to tell the machine and whether a dynamic loader is requested.</summary>
internal sealed record ElfFile(ushort Machine, bool HasInterpreter)
{
    public const ushort X86_64 = 62;
    public const ushort AArch64 = 183;

    public static ElfFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7F || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F' || bytes[4] != 2)
        {
            throw new InvalidDataException($"{path} is not a 64-bit ELF file");
        }

        var machine = BitConverter.ToUInt16(bytes, 18);
        var phoff = (long)BitConverter.ToUInt64(bytes, 32);
        var phentsize = BitConverter.ToUInt16(bytes, 54);
        var phnum = BitConverter.ToUInt16(bytes, 56);
        const uint PtInterp = 3;
        var interp = Enumerable.Range(0, phnum).Any(i => BitConverter.ToUInt32(bytes, (int)(phoff + (i * phentsize))) == PtInterp);
        return new ElfFile(machine, interp);
    }
}
