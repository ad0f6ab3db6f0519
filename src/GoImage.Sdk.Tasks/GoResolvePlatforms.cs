using GoImage.Diagnostics;
using GoImage.Go;
using Microsoft.Build.Utilities;

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

        Binaries = platforms.Select(p =>
        {
            var path = Path.GetFullPath(Path.Combine(OutputDirectory, p.DirectoryName, p.ExecutableName(BinaryName)));
            var item = new TaskItem(path);
            item.SetMetadata("Platform", p.ToString());
            item.SetMetadata("GoOS", p.Os);
            item.SetMetadata("GoArch", p.Arch);
            item.SetMetadata("GoVariant", p.Variant ?? "");
            item.SetMetadata("PlatformDirectory", p.DirectoryName);
            return (Microsoft.Build.Framework.ITaskItem)item;
        }).ToArray();
        return true;
    }
}
