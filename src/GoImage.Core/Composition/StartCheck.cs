using GoImage.Diagnostics;
using GoImage.Executables;
using GoImage.Images;
using GoImage.Layers;

namespace GoImage.Composition;

/// <summary>
/// Refuses an image whose binary cannot start on its base, before anything is written: each binary's ELF header must
/// match its platform, and a dynamically linked one needs its program interpreter, every DT_NEEDED library and every
/// symbol version it needs from them (GLIBC_2.34, …) in the base. The embedded static base and scratch have none of
/// them; a registry base's layers are read as a file tree, and a library's bytes only when versions are needed from it.
/// </summary>
public static class StartCheck
{
    // libc.so.6 is about 2 MB; a "library" far larger than any real one is not read into memory.
    private const long MaximumLibrarySize = 256 * 1024 * 1024;

    /// <param name="binaries">Each image platform's Go binary.</param>
    /// <param name="baseImage">Which base the images are built on.</param>
    /// <param name="registryBase">The registry base, when <paramref name="baseImage"/> is <see cref="BaseImageKind.Registry"/>.</param>
    /// <returns>One diagnostic for each thing missing; empty when every binary can start.</returns>
    public static List<Diagnostic> Check(
        IReadOnlyList<(ImagePlatform Platform, string BinaryPath)> binaries,
        BaseImageKind baseImage,
        BaseImage? registryBase,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        var trees = new Dictionary<string, BaseFileTree>(StringComparer.Ordinal);
        foreach (var (platform, binaryPath) in binaries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var binary = ElfReader.Read(binaryPath);
                if (ElfMachine.ForGoArch(platform.Architecture) is { } machine && machine != binary.Machine)
                {
                    diagnostics.Add(Diagnostic.ExecutableWrongMachine(binaryPath, ElfMachine.Name(binary.Machine), platform.ToString()));
                }
                else if (binary.IsStatic)
                {
                    continue;
                }
                else if (registryBase?.Platforms.FirstOrDefault(p => p.Platform == platform) is { } under)
                {
                    var layers = under.Layers.Select(l => l.BlobPath).ToList();
                    var key = string.Join(',', under.Layers.Select(l => l.Digest));
                    if (!trees.TryGetValue(key, out var tree))
                    {
                        trees[key] = tree = BaseFileTree.Read(layers, cancellationToken);
                    }

                    CheckOnBase(binaryPath, platform, binary, tree, registryBase.Reference.ToString(), diagnostics, cancellationToken);
                }
                else
                {
                    diagnostics.Add(Diagnostic.StartLoaderNotInBase(
                        binaryPath,
                        platform.ToString(),
                        binary.Interpreter ?? "none",
                        binary.Needed.Count == 0 ? "none" : string.Join(", ", binary.Needed),
                        baseImage == BaseImageKind.Scratch ? "empty scratch" : "embedded static"));
                }
            }
            catch (GoImageException e)
            {
                diagnostics.Add(e.Diagnostic);
            }
        }

        return diagnostics;
    }

    private static void CheckOnBase(string binaryPath, ImagePlatform platform, ElfFile binary, BaseFileTree tree, string baseName, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (binary.Interpreter is { } interpreter && tree.ResolveFile(interpreter) is null)
        {
            diagnostics.Add(Diagnostic.StartInterpreterMissing(binaryPath, platform.ToString(), interpreter, baseName));
        }

        var searchPath = LibrarySearchPath.For(binary);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var library in binary.Needed)
        {
            // A needed name with a slash is a path the loader opens as it is; a bare name is looked for in each folder.
            var candidates = library.Contains('/', StringComparison.Ordinal) ? [library] : searchPath.Select(folder => $"{folder}/{library}");
            if (candidates.Select(tree.ResolveFile).FirstOrDefault(p => p is not null) is { } path)
            {
                found[library] = path;
            }
            else
            {
                diagnostics.Add(Diagnostic.StartLibraryMissing(binaryPath, platform.ToString(), library, baseName, string.Join(", ", searchPath)));
            }
        }

        foreach (var need in binary.VersionNeeds.Where(n => found.ContainsKey(n.Library)))
        {
            var path = found[need.Library];
            var bytes = tree.ReadFile(path, MaximumLibrarySize, cancellationToken);
            if (!ElfReader.TryRead(new MemoryStream(bytes, writable: false), out var library, out var reason))
            {
                diagnostics.Add(Diagnostic.StartLibraryUnreadable(binaryPath, platform.ToString(), need.Library, baseName, "/" + path, reason));
                continue;
            }

            // glibc's loader only warns when a library defines no versions at all; it refuses one that lacks a needed version.
            var missing = need.Versions.Where(v => library.VersionDefinitions.Count > 0 && !library.VersionDefinitions.Contains(v, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                diagnostics.Add(Diagnostic.StartLibraryTooOld(binaryPath, platform.ToString(), need.Library, string.Join(", ", missing), baseName, "/" + path));
            }
        }
    }
}
