using GoImage.Diagnostics;

namespace GoImage.Layers;

/// <summary>A ContainerDirectory item: an empty folder in the image with an Owner (default: the image's user) and a Mode (default 0755).</summary>
public sealed record ContainerDirectory(string Include)
{
    private const int DefaultMode = 0b111_101_101; // 0755

    public string Owner { get; init; } = "";

    public string Mode { get; init; } = "";

    /// <summary>
    /// The folders' entries: each ContainerVolume's folder and each ContainerDirectory, owned by
    /// <paramref name="imageUser"/> unless an Owner says otherwise, so a non-root process can write
    /// there with or without a mounted volume. Null after a diagnostic for each bad item.
    /// </summary>
    /// <param name="occupied">Paths other layers put files at (ContainerFile items, the accounts, the binary), by what put them there.</param>
    public static List<LayerEntry>? ToEntries(
        IEnumerable<string> volumes,
        IEnumerable<ContainerDirectory> directories,
        Owner imageUser,
        ImageAccounts accounts,
        IReadOnlyDictionary<string, string> occupied,
        string appPath,
        List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var byPath = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var volume in volumes)
        {
            if (VolumePath(volume) is { } path)
            {
                byPath[path] = LayerEntry.Directory(path, DefaultMode) with { Uid = imageUser.Uid, Gid = imageUser.Gid };
            }
            else
            {
                diagnostics.Add(Diagnostic.InvalidContainerVolume(volume, "it is not an absolute folder path below /"));
            }
        }

        foreach (var directory in directories)
        {
            var path = VolumePath(directory.Include);
            if (path is null)
            {
                diagnostics.Add(Diagnostic.InvalidContainerDirectory(directory.Include));
                continue;
            }

            if (!declared.Add(path))
            {
                diagnostics.Add(Diagnostic.ContainerDirectoryListedTwice(directory.Include));
                continue;
            }

            var modeText = directory.Mode.Trim();
            if (modeText.Length > 0 && (!modeText.All(c => c is >= '0' and <= '7') || modeText.TrimStart('0').Length > 4))
            {
                diagnostics.Add(Diagnostic.ContainerDirectoryModeInvalid(directory.Include, directory.Mode));
                continue;
            }

            var owner = directory.Owner.Trim().Length == 0
                ? imageUser
                : accounts.Resolve(directory.Owner, $"ContainerDirectory '{directory.Include}' Owner", diagnostics);
            if (owner is { } resolved)
            {
                var mode = modeText.Length > 0 ? Convert.ToInt32(modeText, 8) : DefaultMode;
                byPath[path] = LayerEntry.Directory(path, mode) with { Uid = resolved.Uid, Gid = resolved.Gid };
            }
        }

        var appFolder = LayerEntry.Normalize(appPath) is var app && app.Contains('/') ? app[..app.LastIndexOf('/')] : "";
        foreach (var path in byPath.Keys)
        {
            if (path == appFolder)
            {
                diagnostics.Add(Diagnostic.ImagePathConflict("/" + path, "a ContainerVolume or ContainerDirectory and the folder of the Go binary, whose layer sets it root-owned"));
            }
            else if (occupied.FirstOrDefault(o => o.Key == path || path.StartsWith(o.Key + "/", StringComparison.Ordinal)) is { Key: not null } file)
            {
                diagnostics.Add(Diagnostic.ImagePathConflict("/" + path, $"a ContainerVolume or ContainerDirectory folder and {file.Value} at /{file.Key}"));
            }
        }

        return diagnostics.Count > before ? null : byPath.Values.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>A volume's or directory's path inside the image without slashes at either end, or null when it is not one.</summary>
    public static string? VolumePath(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('/') || trimmed.Contains('\\', StringComparison.Ordinal) || trimmed.Any(char.IsControl)
            || trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries) is not { Length: > 0 } parts || parts.Any(p => p is "." or ".."))
        {
            return null;
        }

        return string.Join('/', parts);
    }
}
