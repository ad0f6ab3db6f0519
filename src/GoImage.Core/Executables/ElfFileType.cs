namespace GoImage.Executables;

/// <summary>The ELF object type (e_type). A position-independent executable is a <see cref="SharedObject"/>.</summary>
public enum ElfFileType : ushort
{
    None = 0,
    Relocatable = 1,
    Executable = 2,
    SharedObject = 3,
    Core = 4,
}
