using GoImage.Diagnostics;

namespace GoImage.Tool.Commands;

/// <summary>The files behind resolve's <c>-f</c> arguments: files as given, folders' .yaml/.yml/.json files in ordinal order.</summary>
internal static class ManifestInputs
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static IReadOnlyList<ManifestInput> Expand(IEnumerable<string> arguments, bool recursive)
    {
        var inputs = new List<ManifestInput>();
        foreach (var argument in arguments)
        {
            var full = Path.GetFullPath(argument);
            if (File.Exists(full))
            {
                inputs.Add(new ManifestInput(full, Path.GetFileName(full)));
            }
            else if (Directory.Exists(full))
            {
                var found = Directory.EnumerateFiles(full, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Select(f => new ManifestInput(f, Path.GetRelativePath(full, f)))
                    .OrderBy(i => i.RelativePath.Replace('\\', '/'), StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    throw new CommandLineException(Diagnostic.ResolveNoManifests(argument));
                }

                inputs.AddRange(found);
            }
            else
            {
                throw new CommandLineException(Diagnostic.ResolveInputMissing(argument));
            }
        }

        return inputs;
    }
}
