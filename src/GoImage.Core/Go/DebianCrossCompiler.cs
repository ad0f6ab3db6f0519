namespace GoImage.Go;

/// <summary>
/// How Debian names the GNU toolchain for a Go platform: the triplet that prefixes gcc and g++, the
/// package that installs it, and the target zig cc understands for it.
/// </summary>
public sealed record DebianCrossCompiler(string Triplet, string DebianArchitecture, string ZigArchitecture, string ZigAbiSuffix)
{
    public string GccName => Triplet + "-gcc";

    public string GxxName => Triplet + "-g++";

    /// <summary>gcc-aarch64-linux-gnu: Debian spells the triplet's underscores as dashes in package names.</summary>
    public string GccPackage => "gcc-" + Triplet.Replace('_', '-');

    /// <summary>The C library a cross gcc links against: libc6-dev-arm64-cross and the like.</summary>
    public string LibcPackage => $"libc6-dev-{DebianArchitecture}-cross";

    /// <summary>A -dev package as apt names it for this architecture (libsqlite3-dev:arm64), for multiarch installs.</summary>
    public string DevPackage(string name) => $"{name}:{DebianArchitecture}";

    /// <summary>zig's -target: musl for static binaries (zig ships a static musl), glibc otherwise.</summary>
    public string ZigTarget(bool musl) => $"{ZigArchitecture}-linux-{(musl ? "musl" : "gnu")}{ZigAbiSuffix}";

    /// <summary>Debian's toolchain for a linux platform, or null where Debian has none.</summary>
    public static DebianCrossCompiler? For(GoPlatform platform)
    {
        if (platform.Os != "linux")
        {
            return null;
        }

        return platform.Arch switch
        {
            "amd64" => new("x86_64-linux-gnu", "amd64", "x86_64", ""),
            "arm64" => new("aarch64-linux-gnu", "arm64", "aarch64", ""),
            // GOARM 5 and 6 are soft-float ABIs; 7 (Go's default) is the hard-float one.
            "arm" when platform.Variant is "v5" or "v6" => new("arm-linux-gnueabi", "armel", "arm", "eabi"),
            "arm" => new("arm-linux-gnueabihf", "armhf", "arm", "eabihf"),
            "386" => new("i686-linux-gnu", "i386", "x86", ""),
            "riscv64" => new("riscv64-linux-gnu", "riscv64", "riscv64", ""),
            "ppc64le" => new("powerpc64le-linux-gnu", "ppc64el", "powerpc64le", ""),
            "ppc64" => new("powerpc64-linux-gnu", "ppc64", "powerpc64", ""),
            "s390x" => new("s390x-linux-gnu", "s390x", "s390x", ""),
            "mips64le" => new("mips64el-linux-gnuabi64", "mips64el", "mips64el", "abi64"),
            "mipsle" => new("mipsel-linux-gnu", "mipsel", "mipsel", ""),
            "loong64" => new("loongarch64-linux-gnu", "loong64", "loongarch64", ""),
            _ => null,
        };
    }
}
