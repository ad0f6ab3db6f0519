namespace GoImage.Go;

/// <summary>
/// vendor/modules.txt as the go command reads it: module lines (<c># path version [=&gt; new [version]]</c>),
/// their <c>## explicit; go 1.x</c> annotations and the packages vendored from each.
/// </summary>
public sealed class VendorManifest
{
    public sealed class Entry(ModuleVersion module)
    {
        public ModuleVersion Module { get; } = module;

        public bool Explicit { get; set; }

        public string? GoVersion { get; set; }

        public ModuleVersion? Replacement { get; set; }

        public List<string> Packages { get; } = [];
    }

    public List<Entry> Modules { get; } = [];

    public static VendorManifest Read(string path) => Parse(File.ReadAllLines(path));

    public static VendorManifest Parse(IEnumerable<string> lines)
    {
        var manifest = new VendorManifest();
        Entry? current = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                current = ParseModuleLine(line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                if (current is not null)
                {
                    manifest.Modules.Add(current);
                }
            }
            else if (current is not null && line.StartsWith("## ", StringComparison.Ordinal))
            {
                foreach (var annotation in line[3..].Split(';').Select(a => a.Trim()))
                {
                    if (annotation == "explicit")
                    {
                        current.Explicit = true;
                    }
                    else if (annotation.StartsWith("go ", StringComparison.Ordinal))
                    {
                        current.GoVersion = annotation[3..].Trim();
                    }
                }
            }
            else if (current is not null && line.Length > 0 && !line.StartsWith('#') && !line.Contains(' ', StringComparison.Ordinal))
            {
                current.Packages.Add(line);
            }
        }

        return manifest;
    }

    private static Entry? ParseModuleLine(string[] f)
    {
        // "# path version", "# path version => new [version]" or a wildcard "# path => new [version]".
        if (f.Length < 2)
        {
            return null;
        }

        var arrow = Array.IndexOf(f, "=>");
        var version = arrow == 1 ? null : f[1];
        var entry = new Entry(new ModuleVersion(f[0], version));
        if (arrow > 0 && f.Length - arrow - 1 is 1 or 2)
        {
            entry.Replacement = new ModuleVersion(f[arrow + 1], f.Length - arrow - 1 == 2 ? f[arrow + 2] : null);
        }

        return entry;
    }
}
