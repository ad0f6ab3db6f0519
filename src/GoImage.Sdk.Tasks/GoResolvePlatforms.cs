using GoImage.Diagnostics;
using GoImage.Go;

namespace GoImage.Sdk.Tasks;

public sealed partial class GoResolvePlatforms : GoImageTask
{
    protected override bool ExecuteCore()
    {
        var entries = Platforms.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var platforms = new List<GoPlatform>();
        if (entries.Count == 0)
        {
            platforms.Add(GoPlatform.HostLinux());
        }

        foreach (var entry in entries)
        {
            if (!GoPlatform.TryParse(entry, out var platform, out var reason))
            {
                Report(Diagnostic.InvalidPlatform(entry, reason));
                continue;
            }

            if (platforms.Contains(platform!))
            {
                Report(Diagnostic.DuplicatePlatform(entry));
                continue;
            }

            platforms.Add(platform!);
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        Binaries = platforms
            .Select(p => GoBinaryItems.ToItem(new GoBuildTarget(p, Path.GetFullPath(Path.Combine(OutputDirectory, p.DirectoryName, p.ExecutableName(BinaryName))))))
            .ToArray();
        return true;
    }
}
