namespace GoImage.Sdk.Tasks.Tests;

/// <summary>
/// A Go root whose bin/go is a shell script: it records each call's arguments and chosen
/// environment, answers `go env`, and for `go build -o X` writes X — so the exact command line the
/// SDK produces can be snapshotted without compiling anything.
/// </summary>
internal sealed class FakeGoRoot
{
    public FakeGoRoot(TempDirectory temp, string buildStderr = "", int buildExitCode = 0, string? reportedRoot = null, bool writesBinary = true)
    {
        Path = System.IO.Path.Combine(temp.Path, "goroot");
        CallsFile = System.IO.Path.Combine(temp.Path, "calls.txt");
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "bin"));
        File.WriteAllText(System.IO.Path.Combine(Path, "VERSION"), "go1.23.5\ntime 2025-01-10T16:44:59Z\n");
        var script = System.IO.Path.Combine(Path, "bin", "go");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            printf '%s|GOOS=%s GOARCH=%s GOARM=%s CGO_ENABLED=%s GOTOOLCHAIN=%s GOROOT=%s\n' "$*" "$GOOS" "$GOARCH" "$GOARM" "$CGO_ENABLED" "$GOTOOLCHAIN" "${GOROOT-unset}" >> '{{CallsFile}}'
            case "$1" in
              env) echo '{{reportedRoot ?? Path}}'; echo go1.23.5 ;;
              build)
                if [ {{buildExitCode}} -ne 0 ]; then printf '%s\n' '{{buildStderr}}' >&2; exit {{buildExitCode}}; fi
                {{(writesBinary ? "" : "exit 0")}}
                mkdir -p "$(dirname "$3")"; echo "binary for $GOOS/$GOARCH" > "$3" ;;
              list) printf '{\n\t"Dir": "%s",\n\t"GoFiles": ["main.go"]\n}\n' "$PWD" ;;
            esac
            """ + "\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Path { get; }

    public string CallsFile { get; }

    public string[] Calls => File.Exists(CallsFile) ? File.ReadAllLines(CallsFile) : [];
}
