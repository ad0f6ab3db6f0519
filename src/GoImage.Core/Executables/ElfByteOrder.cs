namespace GoImage.Executables;

/// <summary>The ELF data encoding (EI_DATA): the byte order of every multi-byte field.</summary>
public enum ElfByteOrder : byte
{
    LittleEndian = 1,
    BigEndian = 2,
}
