using GoImage.Diagnostics;
using NuGet.Versioning;

namespace GoImage.Go;

/// <summary>
/// Checks vendor/modules.txt against go.mod with the rules the go command applies in vendor mode,
/// so a stale vendor folder fails before any compile starts, naming each module.
/// </summary>
public static class VendorConsistency
{
    public static IReadOnlyList<Diagnostic> Check(GoModFile goMod, string vendorDirectory, NuGetVersion? toolchainVersion)
    {
        var problems = new List<Diagnostic>();
        var modulesTxt = Path.Combine(vendorDirectory, "modules.txt");
        var manifest = VendorManifest.Read(modulesTxt);
        var byPath = manifest.Modules.Where(m => m.Module.Version is not null)
            .GroupBy(m => m.Module.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        Diagnostic At(Diagnostic d) => d with { File = modulesTxt };

        foreach (var required in goMod.Requirements)
        {
            if (!byPath.TryGetValue(required.Path, out var entries))
            {
                problems.Add(At(Diagnostic.VendorModuleMissing(required.Path, required.Version)));
                continue;
            }

            var same = entries.FirstOrDefault(e => e.Module.Version == required.Version);
            if (same is null)
            {
                var found = string.Join(", ", entries.Select(e => e.Module.Version));
                problems.Add(At(Diagnostic.VendorVersionMismatch(required.Path, required.Version, found)));
            }
            else if (!same.Explicit)
            {
                problems.Add(At(Diagnostic.VendorNotExplicit(required.Path, required.Version)));
            }
        }

        var requiredSet = goMod.Requirements.Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in manifest.Modules.Where(m => m.Explicit && !requiredSet.Contains(m.Module.ToString())))
        {
            problems.Add(At(Diagnostic.VendorExtraExplicit(extra.Module.Path, extra.Module.Version)));
        }

        CheckReplacements(goMod, manifest, problems, At);
        CheckPackages(manifest, vendorDirectory, problems, At);
        CheckGoVersions(manifest, toolchainVersion, problems, At);
        return problems;
    }

    private static void CheckReplacements(GoModFile goMod, VendorManifest manifest, List<Diagnostic> problems, Func<Diagnostic, Diagnostic> at)
    {
        foreach (var replace in goMod.Replacements)
        {
            // A versioned replacement applies to that version; a wildcard one to every version of the path.
            var entry = manifest.Modules.FirstOrDefault(m => m.Module.Path == replace.Old.Path &&
                (replace.Old.Version is null ? m.Module.Version is null || m.Replacement is not null : m.Module.Version == replace.Old.Version));
            var expected = Canonical(replace.New);
            var vendored = entry?.Replacement is null ? null : Canonical(entry.Replacement);
            if (vendored != expected)
            {
                problems.Add(at(Diagnostic.VendorReplacementMismatch(replace.Old, replace.New, vendored is null ? "no replacement" : $"'=> {vendored}'")));
            }
        }

        foreach (var entry in manifest.Modules.Where(m => m.Replacement is not null))
        {
            var replaced = goMod.Replacements.Any(r => r.Old.Path == entry.Module.Path &&
                (r.Old.Version is null || r.Old.Version == entry.Module.Version));
            if (!replaced)
            {
                problems.Add(at(Diagnostic.VendorReplacementMismatch(entry.Module, "nothing", $"'=> {entry.Replacement}'")));
            }
        }
    }

    // go mod vendor writes local replacement paths with forward slashes and without a trailing slash.
    private static string Canonical(ModuleVersion m) => m.Version is null
        ? m.Path.Replace('\\', '/').TrimEnd('/')
        : $"{m.Path} {m.Version}";

    private static void CheckPackages(VendorManifest manifest, string vendorDirectory, List<Diagnostic> problems, Func<Diagnostic, Diagnostic> at)
    {
        foreach (var entry in manifest.Modules)
        {
            foreach (var package in entry.Packages)
            {
                var folder = Path.Combine(vendorDirectory, package.Replace('/', Path.DirectorySeparatorChar));
                if (!Directory.Exists(folder))
                {
                    problems.Add(at(Diagnostic.VendorPackageMissing(package, entry.Module, folder)));
                }
            }
        }
    }

    private static void CheckGoVersions(VendorManifest manifest, NuGetVersion? toolchainVersion, List<Diagnostic> problems, Func<Diagnostic, Diagnostic> at)
    {
        if (toolchainVersion is null)
        {
            return;
        }

        foreach (var entry in manifest.Modules.Where(m => m.GoVersion is not null))
        {
            var needed = GoVersion.Parse(entry.GoVersion!);
            if (needed is not null && needed > toolchainVersion)
            {
                problems.Add(at(Diagnostic.VendorGoVersionTooNew(entry.Module, entry.GoVersion, toolchainVersion.ToNormalizedString())));
            }
        }
    }
}
