using GoImage.Diagnostics;
using GoImage.Processes;

namespace GoImage.Go;

/// <summary>
/// Chooses the C compiler for each platform, without running one: GoCCompiler/GoCxxCompiler items for
/// the platform first, then the host's gcc for the host platform, Debian's triplet-named cross gcc
/// on PATH, and <c>zig cc -target …</c> when zig is on PATH. None is a coded error that names the
/// package to install, raised before any compile.
/// </summary>
public static class CCompilerLocator
{
    /// <param name="staticLink">Whether the binary links statically: zig then targets musl, whose static libc it ships.</param>
    public static CCompiler Locate(GoPlatform platform, IReadOnlyList<ConfiguredCCompiler> configured, GoPlatform host, string? path, bool staticLink)
    {
        var cxxItem = configured.FirstOrDefault(c => c.IsCxx && SamePlatform(c.Platform, platform));
        IReadOnlyList<string>? cxx = cxxItem is null ? null : Resolve(cxxItem, path);
        if (configured.FirstOrDefault(c => !c.IsCxx && SamePlatform(c.Platform, platform)) is { } cItem)
        {
            return new CCompiler(platform, Resolve(cItem, path), cxx, "the GoCCompiler item");
        }

        var tried = new List<string>();
        if (SamePlatform(platform, host))
        {
            if (ProgramSearch.FindOnPath("gcc", path) is { } gcc)
            {
                return new CCompiler(platform, [gcc], cxx ?? Found("g++", path), "'gcc' on PATH, the host's compiler");
            }

            tried.Add("gcc");
        }

        var debian = DebianCrossCompiler.For(platform);
        if (debian is not null)
        {
            if (ProgramSearch.FindOnPath(debian.GccName, path) is { } cross)
            {
                return new CCompiler(platform, [cross], cxx ?? Found(debian.GxxName, path), $"'{debian.GccName}' on PATH");
            }

            tried.Add(debian.GccName);
            if (ProgramSearch.FindOnPath("zig", path) is { } zig)
            {
                var target = debian.ZigTarget(staticLink);
                return new CCompiler(platform, [zig, "cc", "-target", target], cxx ?? [zig, "c++", "-target", target], "'zig' on PATH");
            }

            tried.Add("zig");
        }

        throw new GoImageException(debian is null
            ? Diagnostic.CCompilerUnknown(platform)
            : SamePlatform(platform, host) ? Diagnostic.CCompilerNotFound(platform, string.Join(", ", tried), "gcc", "libc6-dev")
            : Diagnostic.CCompilerNotFound(platform, string.Join(", ", tried), debian.GccPackage, debian.LibcPackage));
    }

    // linux/arm64 and linux/arm64/v8 are one compiler target.
    private static bool SamePlatform(GoPlatform a, GoPlatform b) => a.Os == b.Os && a.Arch == b.Arch && (a.Variant is null || b.Variant is null || a.Variant == b.Variant);

    private static IReadOnlyList<string>? Found(string program, string? path) => ProgramSearch.FindOnPath(program, path) is { } p ? [p] : null;

    private static List<string> Resolve(ConfiguredCCompiler item, string? path)
    {
        var fields = GoCommandLine.Split(item.Command);
        var itemName = item.IsCxx ? "GoCxxCompiler" : "GoCCompiler";
        var program = fields.Count == 0 ? null : Path.IsPathFullyQualified(fields[0]) ? (File.Exists(fields[0]) ? fields[0] : null) : ProgramSearch.FindOnPath(fields[0], path);
        if (program is null)
        {
            throw new GoImageException(Diagnostic.InvalidCCompilerItem(itemName, item.Command, fields.Count == 0 ? "" : fields[0]));
        }

        fields[0] = program;
        return fields;
    }
}
