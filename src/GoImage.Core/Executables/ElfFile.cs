namespace GoImage.Executables;

/// <summary>
/// What an ELF file says about starting it: its class, byte order, machine and type, the program interpreter (PT_INTERP),
/// the libraries it needs (DT_NEEDED), its own name as a library (DT_SONAME), the symbol versions it needs from each
/// library (.gnu.version_r) and, for a library, the versions it defines (.gnu.version_d, without the base entry).
/// </summary>
public sealed record ElfFile
{
    public ElfClass Class { get; init; }

    public ElfByteOrder ByteOrder { get; init; }

    /// <summary>e_machine: 62 x86-64, 183 AArch64, … (<see cref="ElfMachine"/>).</summary>
    public ushort Machine { get; init; }

    public ElfFileType Type { get; init; }

    /// <summary>The loader the kernel starts first, e.g. /lib64/ld-linux-x86-64.so.2; null for a static binary.</summary>
    public string? Interpreter { get; init; }

    public IReadOnlyList<string> Needed { get; init; } = [];

    public string? SoName { get; init; }

    public IReadOnlyList<ElfVersionNeed> VersionNeeds { get; init; } = [];

    public IReadOnlyList<string> VersionDefinitions { get; init; } = [];

    /// <summary>Starts on any base, even an empty one: no loader and no shared library to find (static and static-pie).</summary>
    public bool IsStatic => Interpreter is null && Needed.Count == 0;
}
