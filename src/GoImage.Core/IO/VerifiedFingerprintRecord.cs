using System.Text;

namespace GoImage.IO;

/// <summary>
/// <see cref="VerifiedFingerprint"/>s of many files in one record file, by name (an OCI layout's blobs): a file whose
/// fingerprint still matches was not written since its content was last proven, so it need not be hashed again.
/// A missing or damaged record is an empty one; saving is best effort, as without a record files are just hashed.
/// Only the writer of the files creates a record (<see cref="Empty"/>); a reader refreshes one that exists and
/// leaves no file beside folders it merely reads.
/// </summary>
public sealed class VerifiedFingerprintRecord
{
    private readonly string _recordPath;
    private readonly Dictionary<string, string> _fingerprints;
    private readonly bool _exists;
    private bool _changed;

    private VerifiedFingerprintRecord(string recordPath, Dictionary<string, string> fingerprints, bool exists)
    {
        _recordPath = recordPath;
        _fingerprints = fingerprints;
        _exists = exists;
    }

    /// <summary>The record at <paramref name="recordPath"/>; empty when there is none or it cannot be read.</summary>
    public static VerifiedFingerprintRecord Read(string recordPath)
    {
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(recordPath))
        {
            return new VerifiedFingerprintRecord(recordPath, fingerprints, exists: false);
        }

        try
        {
            foreach (var line in File.ReadLines(recordPath, Encoding.ASCII))
            {
                // <name> <fingerprint>; the name never holds a space (blobs/sha256/<hex>).
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0)
                {
                    fingerprints[line[..space]] = line[(space + 1)..];
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            fingerprints.Clear();
        }

        return new VerifiedFingerprintRecord(recordPath, fingerprints, exists: true);
    }

    /// <summary>A new, empty record that <see cref="Save"/> writes over whatever <paramref name="recordPath"/> held.</summary>
    public static VerifiedFingerprintRecord Empty(string recordPath) => new(recordPath, new(StringComparer.Ordinal), exists: true) { _changed = true };

    /// <summary>Whether <paramref name="path"/> is untouched since it was recorded under <paramref name="name"/>.</summary>
    public bool Matches(string name, string path) =>
        _fingerprints.TryGetValue(name, out var recorded) && VerifiedFingerprint.Of(path) == recorded;

    /// <summary>Records <paramref name="path"/> as it is now under <paramref name="name"/>: call it only once its content is proven.</summary>
    public void Add(string name, string path)
    {
        if (VerifiedFingerprint.Of(path) is { } fingerprint && !(_fingerprints.TryGetValue(name, out var recorded) && recorded == fingerprint))
        {
            _fingerprints[name] = fingerprint;
            _changed = true;
        }
    }

    /// <summary>Writes the record if it exists (or is <see cref="Empty"/>) and anything was added since it was read.</summary>
    public void Save()
    {
        if (!_exists || !_changed)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var (name, fingerprint) in _fingerprints.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(' ').Append(fingerprint).Append('\n');
        }

        try
        {
            AtomicFile.WriteAllBytes(_recordPath, Encoding.ASCII.GetBytes(text.ToString()));
            _changed = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
