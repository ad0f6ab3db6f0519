namespace GoImage.Executables;

/// <summary>
/// The folders a Linux loader searches for a needed library by default: Debian's multiarch folders for the file's
/// machine (<c>/lib/x86_64-linux-gnu</c>, …), then the 64-bit folders of other distributions, then <c>/lib</c>,
/// <c>/usr/lib</c> and <c>/usr/local/lib</c> (glibc's and musl's defaults with Debian's ld.so.conf).
/// </summary>
public static class LibrarySearchPath
{
    public static IReadOnlyList<string> For(ElfFile file)
    {
        var folders = new List<string>();
        foreach (var triplet in Triplets(file))
        {
            folders.Add($"/lib/{triplet}");
            folders.Add($"/usr/lib/{triplet}");
        }

        if (file.Class == ElfClass.Elf64)
        {
            folders.AddRange(["/lib64", "/usr/lib64"]);
        }

        folders.AddRange(["/lib", "/usr/lib", "/usr/local/lib"]);
        return folders;
    }

    private static string[] Triplets(ElfFile file) => (file.Machine, file.Class, file.ByteOrder) switch
    {
        (ElfMachine.X64, ElfClass.Elf64, _) => ["x86_64-linux-gnu"],
        (ElfMachine.X86, _, _) => ["i386-linux-gnu"],
        (ElfMachine.AArch64, _, ElfByteOrder.LittleEndian) => ["aarch64-linux-gnu"],
        (ElfMachine.Arm, _, _) => ["arm-linux-gnueabihf", "arm-linux-gnueabi"],
        (ElfMachine.RiscV, ElfClass.Elf64, _) => ["riscv64-linux-gnu"],
        (ElfMachine.PowerPC64, _, ElfByteOrder.LittleEndian) => ["powerpc64le-linux-gnu"],
        (ElfMachine.PowerPC64, _, ElfByteOrder.BigEndian) => ["powerpc64-linux-gnu"],
        (ElfMachine.S390, ElfClass.Elf64, _) => ["s390x-linux-gnu"],
        (ElfMachine.Mips, ElfClass.Elf64, ElfByteOrder.LittleEndian) => ["mips64el-linux-gnuabi64"],
        (ElfMachine.Mips, ElfClass.Elf32, ElfByteOrder.LittleEndian) => ["mipsel-linux-gnu"],
        (ElfMachine.LoongArch, _, _) => ["loongarch64-linux-gnu"],
        _ => [],
    };
}
