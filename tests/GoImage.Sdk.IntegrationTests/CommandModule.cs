namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// A Go module laid out as real repositories are: go.mod at the root, <c>cmd/api</c> and <c>cmd/worker</c>
/// main packages and a shared <c>internal/shared</c> package; projects are added where a test wants them.
/// </summary>
internal static class CommandModule
{
    /// <summary>Writes the module's files under <paramref name="root"/>.</summary>
    public static void Write(string root)
    {
        Put(root, "go.mod", "module example.com/multi\n\ngo 1.21\n");
        Put(root, "internal/shared/shared.go", "package shared\n\n// Greeting is what every command prints first.\nfunc Greeting() string { return \"shared\" }\n");
        foreach (var command in new[] { "api", "worker" })
        {
            Put(root, $"cmd/{command}/main.go", $$"""
                package main

                import (
                	"fmt"

                	"example.com/multi/internal/shared"
                )

                var version = "dev"

                func main() { fmt.Println(shared.Greeting(), "{{command}}", version) }

                """);
        }
    }

    /// <summary>Writes a file (relative path, '/'-separated) under <paramref name="root"/>.</summary>
    public static string Put(string root, string relative, string content)
    {
        var full = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }
}
