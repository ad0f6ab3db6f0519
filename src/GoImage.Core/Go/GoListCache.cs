using System.Text.Json;
using GoImage.Images;
using GoImage.IO;

namespace GoImage.Go;

/// <summary>
/// The <c>go list</c> answers of the last successful build, kept under obj/ beside the input record, and what
/// they were answered from: each Go file's <see cref="GoSourceHeader"/>, the other source files' contents (a
/// build constraint may sit in a .c or .s file), the listings of the package and embed folders, and the module
/// files. While none of that changed, a rebuild after an edit inside a function runs only <c>go build</c>: on
/// two cores the lists cost as much as a third of a two-platform rebuild of samples/hello.
/// </summary>
public sealed class GoListCache(string path)
{
    private const int Version = 1;

    private static readonly HashSet<string> ModuleFileNames = new(StringComparer.Ordinal) { "go.mod", "go.sum", "go.work", "go.work.sum", "modules.txt" };

    public string Path { get; } = path;

    /// <summary>Names one platform's list: the go program and version, the arguments, the environment go sees.</summary>
    public static string Key(string goExecutable, string goVersion, GoBuildPlan plan)
    {
        var parts = new List<string> { goExecutable, goVersion };
        parts.AddRange(plan.ListArguments);
        parts.AddRange(plan.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"));

        // Inherited GOFLAGS, GOPATH, GOWORK, GOEXPERIMENT… change what go list reads.
        var inherited = new List<string>();
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if ((name.StartsWith("GO", StringComparison.Ordinal) || name.StartsWith("CGO_", StringComparison.Ordinal)) && !plan.Environment.ContainsKey(name))
            {
                inherited.Add($"inherited {name}={variable.Value}");
            }
        }

        parts.AddRange(inherited.Order(StringComparer.Ordinal));
        return Digest.Of(System.Text.Encoding.UTF8.GetBytes(string.Join('\0', parts))).ToString();
    }

    /// <summary>The recorded answers by key, when nothing they were answered from has changed; else an empty map.</summary>
    public IReadOnlyDictionary<string, string> Read()
    {
        try
        {
            if (!File.Exists(Path))
            {
                return new Dictionary<string, string>();
            }

            var record = JsonSerializer.Deserialize<Record>(File.ReadAllBytes(Path));
            if (record is null || record.Version != Version || !Unchanged(record))
            {
                return new Dictionary<string, string>();
            }

            return record.Outputs;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return new Dictionary<string, string>(); // an unreadable record only means go list runs again
        }
    }

    /// <summary>Records a successful build's answers with what they were answered from; best effort (without it go list runs again).</summary>
    public void Write(IReadOnlyDictionary<string, string> outputs, GoInputSet inputs)
    {
        try
        {
            AtomicFile.WriteAllBytes(Path, JsonSerializer.SerializeToUtf8Bytes(Describe(outputs, inputs)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Forget();
        }
    }

    /// <summary>Drops the record.</summary>
    public void Forget()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A record that cannot be removed is still checked against every file before it is used.
        }
    }

    private static Record Describe(IReadOnlyDictionary<string, string> outputs, GoInputSet inputs)
    {
        var record = new Record { Version = Version, Outputs = new(outputs, StringComparer.Ordinal) };
        foreach (var file in inputs.Files)
        {
            if (Fingerprint(file) is { } fingerprint)
            {
                record.Files[file] = fingerprint;
            }
        }

        foreach (var dir in inputs.PackageDirectories)
        {
            record.Listings["d" + dir] = GoInputRecord.SourceListing(dir);
        }

        foreach (var dir in inputs.EmbedDirectories)
        {
            record.Listings["e" + dir] = GoInputRecord.FullListing(dir);
        }

        return record;
    }

    private static bool Unchanged(Record record)
    {
        foreach (var (file, fingerprint) in record.Files)
        {
            if (!File.Exists(file) || Fingerprint(file) != fingerprint)
            {
                return false;
            }
        }

        foreach (var (entry, listing) in record.Listings)
        {
            var dir = entry[1..];
            if (!Directory.Exists(dir) || (entry[0] == 'd' ? GoInputRecord.SourceListing(dir) : GoInputRecord.FullListing(dir)) != listing)
            {
                return false;
            }
        }

        return true;
    }

    // A Go file by its header, another source file or a module file by its content; embedded files only by
    // their presence in the listings (go list names them, it does not read them).
    private static string? Fingerprint(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        var extension = System.IO.Path.GetExtension(file);
        if (extension == ".go")
        {
            return Digest.Of(System.Text.Encoding.UTF8.GetBytes(GoSourceHeader.Of(File.ReadAllText(file)))).ToString();
        }

        return ModuleFileNames.Contains(name) || GoInputRecord.SourceExtensions.Contains(extension) ? Digest.OfFile(file).ToString() : null;
    }

    private sealed class Record
    {
        public int Version { get; set; }

        public Dictionary<string, string> Outputs { get; set; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Files { get; set; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Listings { get; set; } = new(StringComparer.Ordinal);
    }
}
