using System.Text;
using GoImage.Images;
using GoImage.IO;

namespace GoImage.Registry;

/// <summary>
/// What the last successful push left in one repository of one registry, kept in a user-level folder
/// (<c>&lt;sha256 of registry/repository&gt;</c>, one digest a line, the pushed index first), so a re-push
/// can skip asking for each blob. It is only a hint: <see cref="ImagePusher"/> trusts it only after the
/// registry still has the recorded index (one HEAD), forgets it on any sign that the registry lost
/// something, and a folder that cannot be read or written only costs the HEADs.
/// </summary>
public sealed class PushRecord(string directory)
{
    private const string Header = "goimage push record 1";

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>
    /// The record a ContainerPushRecordDirectory value names: null for empty or <c>none</c> (no record; a re-push then
    /// asks for each blob).
    /// </summary>
    public static PushRecord? FromSetting(string? directory) =>
        string.IsNullOrWhiteSpace(directory) || directory.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)
            ? null
            : new PushRecord(directory.Trim());

    /// <summary>
    /// The user-level folder ContainerPushRecordDirectory defaults to (GoImage.Sdk.Image.targets, in the same order), so
    /// <c>goimage push</c> and a publish that pushes share one record: $GOIMAGE_CACHE/pushed, %LOCALAPPDATA%\GoImage\pushed
    /// on Windows, $XDG_CACHE_HOME/goimage/pushed, ~/.cache/goimage/pushed; null when none of them is set.
    /// </summary>
    public static string? DefaultDirectory(Func<string, string?> environment, bool windows)
    {
        static bool Set(string? value) => !string.IsNullOrEmpty(value);
        return environment("GOIMAGE_CACHE") is { } cache && Set(cache) ? Path.Combine(cache, "pushed")
            : windows && environment("LOCALAPPDATA") is { } local && Set(local) ? Path.Combine(local, "GoImage", "pushed")
            : environment("XDG_CACHE_HOME") is { } xdg && Set(xdg) ? Path.Combine(xdg, "goimage", "pushed")
            : environment("HOME") is { } home && Set(home) ? Path.Combine(home, ".cache", "goimage", "pushed")
            : null;
    }

    /// <summary>The recorded index and every digest (blobs and manifests) pushed with it; null without a readable record.</summary>
    public (Digest Index, IReadOnlySet<Digest> Present)? Read(string registry, string repository)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(PathOf(registry, repository), Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // A record from another version, cut short or edited is ignored as a whole.
        if (lines.Length < 2 || lines[0] != Header || !Digest.TryParse(lines[1], out var index))
        {
            return null;
        }

        var present = new HashSet<Digest>();
        foreach (var line in lines.Skip(1))
        {
            if (!Digest.TryParse(line, out var digest))
            {
                return null;
            }

            present.Add(digest);
        }

        return (index, present);
    }

    /// <summary>Replaces the record after a push that completed; best effort.</summary>
    public void Write(string registry, string repository, Digest index, IEnumerable<Digest> present)
    {
        var path = PathOf(registry, repository);
        var text = new StringBuilder().Append(Header).Append('\n').Append(index).Append('\n');
        foreach (var digest in present.Where(d => d != index).Distinct().OrderBy(d => d.Hex, StringComparer.Ordinal))
        {
            text.Append(digest).Append('\n');
        }

        try
        {
            AtomicFile.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text.ToString()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without a record the next push asks for each blob, as it would without this folder.
        }
    }

    /// <summary>Drops the record: the registry no longer has what it says.</summary>
    public void Forget(string registry, string repository) => TryDelete(PathOf(registry, repository));

    private string PathOf(string registry, string repository) =>
        Path.Combine(Directory, Digest.Of(Encoding.UTF8.GetBytes($"{registry.ToLowerInvariant()}/{repository}")).Hex);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A record that cannot be removed is still verified against the registry before it is trusted.
        }
    }
}
