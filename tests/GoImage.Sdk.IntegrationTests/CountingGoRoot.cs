namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// A Go root that counts go processes: a folder of links to the real toolchain whose bin/go is a
/// script that appends a line to a log and then runs the real go with this folder as GOROOT.
/// </summary>
internal sealed class CountingGoRoot
{
    public CountingGoRoot(string parent)
    {
        Path = System.IO.Path.Combine(parent, "counting-goroot");
        LogFile = System.IO.Path.Combine(parent, "go-invocations.log");
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "bin"));
        foreach (var entry in Directory.EnumerateFileSystemEntries(Repository.GoRoot))
        {
            var name = System.IO.Path.GetFileName(entry);
            if (name != "bin")
            {
                File.CreateSymbolicLink(System.IO.Path.Combine(Path, name), entry);
            }
        }

        var script = System.IO.Path.Combine(Path, "bin", "go");
        File.WriteAllText(script, $"""
            #!/bin/sh
            echo "$*" >> '{LogFile}'
            GOROOT='{Path}' exec '{Repository.GoRoot}/bin/go' "$@"
            """ + "\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Path { get; }

    public string LogFile { get; }

    public int Invocations => File.Exists(LogFile) ? File.ReadAllLines(LogFile).Length : 0;
}
