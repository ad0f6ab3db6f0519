namespace GoImage.Executables;

/// <summary>One entry of .gnu.version_r: a needed library and the symbol versions it must define, e.g. libc.so.6 and GLIBC_2.34.</summary>
public sealed record ElfVersionNeed(string Library, IReadOnlyList<string> Versions);
