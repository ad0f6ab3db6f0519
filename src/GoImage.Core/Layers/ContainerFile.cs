using System.Globalization;
using GoImage.Diagnostics;

namespace GoImage.Layers;

/// <summary>A ContainerFile item: a project file copied to <see cref="TargetPath"/> in the image with a fixed mode.</summary>
public sealed record ContainerFile(string Include, string SourcePath, string TargetPath, string Mode)
{
    private const int DefaultMode = 0b110_100_100; // 0644

    /// <summary>Owner metadata: user, user:group, uid or uid:gid; empty is root (0:0).</summary>
    public string Owner { get; init; } = "";

    /// <summary>Symlink metadata: empty or <c>follow</c> (the target's bytes), or <c>preserve</c> (a symlink entry).</summary>
    public string Symlink { get; init; } = "";

    /// <summary>The layer entries for the items, or null after adding a diagnostic for each bad one.</summary>
    /// <param name="accounts">Resolves Owner names; without it only numeric owners are known.</param>
    public static List<LayerEntry>? ToEntries(IEnumerable<ContainerFile> files, string appPath, SourceRoots roots, List<Diagnostic> diagnostics, ImageAccounts? accounts = null)
    {
        accounts ??= ImageAccounts.Create(() => AccountFiles.Scratch, [], diagnostics);
        var entries = new List<LayerEntry>();
        var targets = new Dictionary<string, string>(StringComparer.Ordinal) { [LayerEntry.Normalize(appPath)] = "the Go binary" };
        var before = diagnostics.Count;
        foreach (var file in files)
        {
            if (ContainerFileSource.Resolve(file, roots, diagnostics) is not { } source)
            {
                continue;
            }

            if (TargetPathRules.Problem(file.TargetPath) is { } problem && problem != "is not absolute")
            {
                diagnostics.Add(Diagnostic.InvalidContainerFile(file.Include, $"TargetPath '{TargetPathRules.Printable(file.TargetPath)}' {problem}"));
                continue;
            }

            // Checked as it will be normalised ('\' is '/'), so "/\" or "/x\.." cannot slip past.
            var target = file.TargetPath.Replace('\\', '/');
            if (!target.StartsWith('/') || target.EndsWith('/') || target.Trim('/').Length == 0
                || target.Split('/').Any(p => p is "." or ".."))
            {
                diagnostics.Add(Diagnostic.InvalidContainerFile(file.Include, $"TargetPath '{file.TargetPath}' is not an absolute file path in the image"));
                continue;
            }

            var modeText = file.Mode.Trim();
            // At most four significant octal digits (07777); a longer text would also overflow Convert.ToInt32.
            if (modeText.Length > 0 && (!modeText.All(c => c is >= '0' and <= '7') || modeText.TrimStart('0').Length > 4))
            {
                diagnostics.Add(Diagnostic.InvalidContainerFile(file.Include, $"Mode '{file.Mode}' is not an octal mode such as 0644"));
                continue;
            }

            var mode = modeText.Length > 0 ? Convert.ToInt32(modeText, 8) : DefaultMode;

            var path = LayerEntry.Normalize(file.TargetPath);
            if (targets.TryGetValue(path, out var other))
            {
                diagnostics.Add(Diagnostic.ImagePathConflict(file.TargetPath, $"{file.Include} and {other}"));
                continue;
            }

            if (targets.Keys.FirstOrDefault(t => t.StartsWith(path + "/", StringComparison.Ordinal) || path.StartsWith(t + "/", StringComparison.Ordinal)) is { } nested)
            {
                diagnostics.Add(Diagnostic.ImagePathConflict(file.TargetPath, $"{file.Include} and {targets[nested]} at /{nested} (one would be a folder of the other)"));
                continue;
            }

            var owner = GoImage.Layers.Owner.Root;
            if (file.Owner.Trim().Length > 0)
            {
                if (accounts.Resolve(file.Owner, $"ContainerFile '{file.Include}' Owner", diagnostics) is not { } resolved)
                {
                    continue;
                }

                owner = resolved;
            }

            targets[path] = file.Include;
            var entry = source.RealPath is { } real
                ? LayerEntry.FromFile(path, real, mode) with { SourceName = file.Include }
                : LayerEntry.Symlink(path, source.LinkTarget!);
            entries.Add(entry with { Uid = owner.Uid, Gid = owner.Gid });
        }

        return diagnostics.Count > before ? null : entries;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Include} -> {TargetPath}");
}
