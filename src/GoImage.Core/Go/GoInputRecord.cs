using System.Text;
using GoImage.IO;

namespace GoImage.Go;

/// <summary>
/// The input set of the last successful build, kept under obj/ so that the next build can decide
/// "up to date" without running Go: file paths for MSBuild's timestamp check, and folder listings
/// to notice files that were added or removed (a new file need not be newer than the binary).
/// </summary>
public static class GoInputRecord
{
    private const string Header = "goimage-inputs 1";

    // Record line kinds: a package folder lists its source files, an embed folder every entry.
    private const string PackageKind = "d";
    private const string EmbedKind = "e";

    // A program (the C compiler) by size and modification time: a package upgrade may keep an older time than the binary's.
    private const char ProgramKind = 'p';

    public static void Write(string path, GoInputSet inputs)
    {
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var file in inputs.Files)
        {
            text.Append("f\t").Append(file).Append('\n');
        }

        foreach (var program in inputs.Programs)
        {
            text.Append(ProgramKind).Append('\t').Append(program).Append('\t').Append(ProgramStamp(program)).Append('\n');
        }

        var listed = inputs.PackageDirectories.Select(d => (Kind: PackageKind, Dir: d))
            .Concat(inputs.EmbedDirectories.Select(d => (Kind: EmbedKind, Dir: d)));
        foreach (var (kind, dir) in listed)
        {
            text.Append(kind).Append('\t').Append(dir).Append('\t').Append(Listing(kind, dir)).Append('\n');
        }

        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>
    /// Reads a record: the files to compare timestamps with, and whether any recorded folder's
    /// listing changed since. A missing or unreadable record reads as changed.
    /// </summary>
    public static (IReadOnlyList<string> Files, bool ListingChanged) Read(string path)
    {
        if (!File.Exists(path))
        {
            return ([], true);
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            return ([], true);
        }

        var files = new List<string>();
        var changed = false;
        foreach (var line in lines.Skip(1))
        {
            var parts = line.Split('\t');
            if (parts is ["f", var file])
            {
                files.Add(file);
            }
            else if (parts is ["p", var program, var stamp])
            {
                changed |= ProgramStamp(program) != stamp;
            }
            else if (parts is [PackageKind or EmbedKind, var dir, var listing])
            {
                changed |= !Directory.Exists(dir) || Listing(parts[0], dir) != listing;
            }
            else
            {
                return ([], true);
            }
        }

        return (files, changed);
    }

    // Extensions the go command compiles or links from a package folder; editor swap files and
    // notes beside the sources must not make every build run Go.
    internal static readonly HashSet<string> SourceExtensions = new(StringComparer.Ordinal)
    {
        ".go", ".s", ".S", ".sx", ".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".hxx", ".m", ".f", ".F", ".for", ".f90", ".swig", ".swigcxx", ".syso",
    };

    private static string ProgramStamp(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? $"{file.Length}:{file.LastWriteTimeUtc.Ticks}" : "missing";
    }

    private static string Listing(string kind, string dir) => kind == EmbedKind ? FullListing(dir) : SourceListing(dir);

    // Source files of a package folder, ordinal order; subfolders are other packages with records of their own.
    internal static string SourceListing(string dir) => string.Join('/',
        Directory.EnumerateFiles(dir).Select(Path.GetFileName).Where(n => SourceExtensions.Contains(Path.GetExtension(n!))).Order(StringComparer.Ordinal));

    // Every entry of an embed folder, subfolders marked: `//go:embed static` takes whole trees.
    internal static string FullListing(string dir) => string.Join('/',
        Directory.EnumerateFileSystemEntries(dir)
            .Select(e => Directory.Exists(e) ? Path.GetFileName(e) + "\\" : Path.GetFileName(e))
            .Order(StringComparer.Ordinal));
}
