using System.Diagnostics;

namespace GoImage.Core.Tests.Executables;

/// <summary>
/// Real binaries built once for the ELF tests with go, gcc and aarch64-linux-gnu-gcc, and what readelf (an independent
/// reader) says about them.
/// </summary>
internal static class ElfSamples
{
    private const string Hello = "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n";
    private const string CgoHello = "package main\n\n// #include <stdio.h>\n// static void hi(void) { printf(\"hello from C\\n\"); fflush(stdout); }\nimport \"C\"\n\nfunc main() { C.hi() }\n";

    private static readonly Lazy<string> Folder = new(Build);

    /// <summary>The binary called <paramref name="name"/>: static, pie, pie-arm64, static-386, static-ppc64, cgo, cgo-arm64, libgreet.so, c-arm64.</summary>
    public static string Path(string name) => System.IO.Path.Combine(Folder.Value, name);

    public static string Run(string program, params string[] arguments) => Exec(program, Environment.CurrentDirectory, [], arguments);

    private static string Build()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "goimage-elf-samples-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(System.IO.Path.Combine(folder, "hello-src"));
        Directory.CreateDirectory(System.IO.Path.Combine(folder, "cgo-src"));
        File.WriteAllText(System.IO.Path.Combine(folder, "hello-src", "go.mod"), "module example.com/hello\n\ngo 1.21\n");
        File.WriteAllText(System.IO.Path.Combine(folder, "hello-src", "main.go"), Hello);
        File.WriteAllText(System.IO.Path.Combine(folder, "cgo-src", "go.mod"), "module example.com/cgo\n\ngo 1.21\n");
        File.WriteAllText(System.IO.Path.Combine(folder, "cgo-src", "main.go"), CgoHello);

        var go = Go();
        var hello = System.IO.Path.Combine(folder, "hello-src");
        var cgo = System.IO.Path.Combine(folder, "cgo-src");
        Exec(go, hello, new() { ["CGO_ENABLED"] = "0" }, "build", "-o", "../static", ".");
        Exec(go, hello, new() { ["CGO_ENABLED"] = "0" }, "build", "-buildmode=pie", "-o", "../pie", ".");
        Exec(go, hello, new() { ["CGO_ENABLED"] = "0", ["GOARCH"] = "arm64" }, "build", "-buildmode=pie", "-o", "../pie-arm64", ".");
        Exec(go, hello, new() { ["CGO_ENABLED"] = "0", ["GOARCH"] = "386" }, "build", "-o", "../static-386", ".");
        Exec(go, hello, new() { ["CGO_ENABLED"] = "0", ["GOARCH"] = "ppc64" }, "build", "-o", "../static-ppc64", ".");
        Exec(go, cgo, new() { ["CGO_ENABLED"] = "1", ["CC"] = "gcc" }, "build", "-o", "../cgo", ".");
        Exec(go, cgo, new() { ["CGO_ENABLED"] = "1", ["CC"] = "aarch64-linux-gnu-gcc", ["GOARCH"] = "arm64" }, "build", "-o", "../cgo-arm64", ".");

        // A library with a soname and its own version definitions, as a C toolchain writes them.
        File.WriteAllText(System.IO.Path.Combine(folder, "greet.c"), "int greet(void) { return 1; }\nint greet2(void) { return 2; }\n");
        File.WriteAllText(System.IO.Path.Combine(folder, "greet.map"), "GREET_1.0 { global: greet; local: *; };\nGREET_2.0 { global: greet2; } GREET_1.0;\n");
        Exec("gcc", folder, [], "-shared", "-fPIC", "-Wl,-soname,libgreet.so.1", "-Wl,--version-script=greet.map", "-o", "libgreet.so", "greet.c");
        File.WriteAllText(System.IO.Path.Combine(folder, "main.c"), "#include <stdio.h>\n#include <math.h>\nint main(int c, char **v) { printf(\"%f\\n\", sqrt((double)c)); return 0; }\n");
        Exec("aarch64-linux-gnu-gcc", folder, [], "-o", "c-arm64", "main.c", "-lm");
        return folder;
    }

    private static string Go()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(p => System.IO.Path.Combine(p, "go")).FirstOrDefault(File.Exists);
        return onPath ?? "/usr/lib/go-1.23/bin/go";
    }

    private static string Exec(string program, string directory, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output}{error.Result}");
        }

        return output;
    }
}
