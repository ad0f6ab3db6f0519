namespace GoImage.Executables;

/// <summary>The ELF file class (EI_CLASS): the width of addresses and offsets in the file.</summary>
public enum ElfClass : byte
{
    Elf32 = 1,
    Elf64 = 2,
}
