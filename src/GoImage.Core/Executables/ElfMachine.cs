namespace GoImage.Executables;

/// <summary>ELF machine numbers (e_machine) of the architectures Go builds for Linux, and their Go names.</summary>
public static class ElfMachine
{
    public const ushort X86 = 3;
    public const ushort Mips = 8;
    public const ushort PowerPC64 = 21;
    public const ushort S390 = 22;
    public const ushort Arm = 40;
    public const ushort X64 = 62; // EM_X86_64
    public const ushort AArch64 = 183;
    public const ushort RiscV = 243;
    public const ushort LoongArch = 258;

    /// <summary>The machine a Go architecture (GOARCH) builds for, or null for one this table does not know.</summary>
    public static ushort? ForGoArch(string goArch) => goArch switch
    {
        "386" => X86,
        "amd64" => X64,
        "arm" => Arm,
        "arm64" => AArch64,
        "riscv64" => RiscV,
        "ppc64" or "ppc64le" => PowerPC64,
        "s390x" => S390,
        "mips" or "mipsle" or "mips64" or "mips64le" => Mips,
        "loong64" => LoongArch,
        _ => null,
    };

    /// <summary>A readable name for messages: the Go architecture when one matches, else the number.</summary>
    public static string Name(ushort machine) => machine switch
    {
        X86 => "386",
        X64 => "amd64",
        Arm => "arm",
        AArch64 => "arm64",
        RiscV => "riscv64",
        PowerPC64 => "ppc64",
        S390 => "s390x",
        Mips => "mips",
        LoongArch => "loong64",
        _ => $"ELF machine {machine}",
    };
}
