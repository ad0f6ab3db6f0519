using GoImage.Images;

namespace GoImage.Go;

/// <summary>A target platform as Go and OCI both name it: <c>os/arch[/variant]</c>.</summary>
public sealed record GoPlatform(string Os, string Arch, string? Variant)
{
    // Pairs Go 1.23 can build without cgo (`go tool dist list`); containers only make sense for some,
    // but refusing the others would be a policy Go itself does not have.
    private static readonly HashSet<string> KnownPairs = new(StringComparer.Ordinal)
    {
        "aix/ppc64", "android/amd64", "android/arm", "android/arm64", "android/386",
        "darwin/amd64", "darwin/arm64", "dragonfly/amd64", "freebsd/386", "freebsd/amd64",
        "freebsd/arm", "freebsd/arm64", "freebsd/riscv64", "illumos/amd64", "ios/amd64", "ios/arm64",
        "js/wasm", "linux/386", "linux/amd64", "linux/arm", "linux/arm64", "linux/loong64",
        "linux/mips", "linux/mips64", "linux/mips64le", "linux/mipsle", "linux/ppc64", "linux/ppc64le",
        "linux/riscv64", "linux/s390x", "netbsd/386", "netbsd/amd64", "netbsd/arm", "netbsd/arm64",
        "openbsd/386", "openbsd/amd64", "openbsd/arm", "openbsd/arm64", "openbsd/ppc64",
        "openbsd/riscv64", "plan9/386", "plan9/amd64", "plan9/arm", "solaris/amd64",
        "wasip1/wasm", "windows/386", "windows/amd64", "windows/arm", "windows/arm64",
    };

    // Variants per architecture, as the OCI image spec spells them, with the Go variable they set.
    private static readonly Dictionary<string, (string Variable, Dictionary<string, string> Values)> Variants =
        new(StringComparer.Ordinal)
        {
            ["arm"] = ("GOARM", new(StringComparer.Ordinal) { ["v5"] = "5", ["v6"] = "6", ["v7"] = "7" }),
            ["amd64"] = ("GOAMD64", new(StringComparer.Ordinal) { ["v1"] = "v1", ["v2"] = "v2", ["v3"] = "v3", ["v4"] = "v4" }),
            ["arm64"] = ("GOARM64", new(StringComparer.Ordinal) { ["v8"] = "v8.0", ["v8.0"] = "v8.0", ["v9"] = "v9.0", ["v9.0"] = "v9.0" }),
        };

    /// <summary>The same platform as an image names it in descriptors and configs.</summary>
    public ImagePlatform ToImagePlatform() => new(Os, Arch, Variant);

    /// <summary>Parses <c>linux/amd64</c>, <c>linux/arm/v7</c> and the like.</summary>
    public static bool TryParse(string text, out GoPlatform? platform, out string reason)
    {
        platform = null;
        var parts = text.Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
        {
            reason = "expected os/arch or os/arch/variant";
            return false;
        }

        var (os, arch) = (parts[0], parts[1]);
        if (!KnownPairs.Contains($"{os}/{arch}"))
        {
            reason = $"Go cannot build for {os}/{arch}";
            return false;
        }

        string? variant = parts.Length == 3 ? parts[2] : null;
        if (variant is not null && (!Variants.TryGetValue(arch, out var known) || !known.Values.ContainsKey(variant)))
        {
            reason = $"'{variant}' is not a variant of {arch}";
            return false;
        }

        platform = new GoPlatform(os, arch, variant);
        reason = "";
        return true;
    }

    /// <summary>The platform of this machine's OS and processor, as Go names them, for linux.</summary>
    public static GoPlatform HostLinux() => new("linux", System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        System.Runtime.InteropServices.Architecture.LoongArch64 => "loong64",
        var other => other.ToString().ToLowerInvariant(),
    }, null);

    /// <summary>A name safe for a folder: <c>linux_arm_v7</c>.</summary>
    public string DirectoryName => Variant is null ? $"{Os}_{Arch}" : $"{Os}_{Arch}_{Variant}";

    /// <summary>GOOS, GOARCH and the variant's variable, if any.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment
    {
        get
        {
            var env = new List<KeyValuePair<string, string>> { new("GOOS", Os), new("GOARCH", Arch) };
            if (Variant is not null)
            {
                var (variable, values) = Variants[Arch];
                env.Add(new(variable, values[Variant]));
            }

            return env;
        }
    }

    /// <summary>The executable's file name: Go adds <c>.exe</c> for windows.</summary>
    public string ExecutableName(string name) => Os == "windows" ? name + ".exe" : name;

    public override string ToString() => Variant is null ? $"{Os}/{Arch}" : $"{Os}/{Arch}/{Variant}";
}
