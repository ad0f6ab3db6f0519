using GoImage.Diagnostics;
using GoImage.Go;
using GoImage.Images;
using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>GoBinary items ⇄ the core's <see cref="GoBuildTarget"/> (platform, binary path): the one place they are made and read.</summary>
internal static class GoBinaryItems
{
    /// <summary>A GoBinary item: the binary's path, with Platform, GoOS, GoArch, GoVariant and PlatformDirectory metadata.</summary>
    public static ITaskItem ToItem(GoBuildTarget binary) => ItemMetadata.Literal(binary.OutputPath, new Dictionary<string, string>
    {
        [ItemMetadata.Platform] = binary.Platform.ToString(),
        ["GoOS"] = binary.Platform.Os,
        ["GoArch"] = binary.Platform.Arch,
        ["GoVariant"] = binary.Platform.Variant ?? "",
        ["PlatformDirectory"] = binary.Platform.DirectoryName,
    });

    /// <summary>
    /// Every item as a build target, its path taken from <paramref name="directory"/> when relative; an item whose Platform
    /// is invalid is left out, with GOI1004 in <paramref name="diagnostics"/>.
    /// </summary>
    public static List<GoBuildTarget> Read(IEnumerable<ITaskItem> items, string directory, List<Diagnostic> diagnostics)
    {
        var binaries = new List<GoBuildTarget>();
        foreach (var item in items)
        {
            if (ItemMetadata.ReadPlatform(item, diagnostics) is { } platform)
            {
                binaries.Add(new GoBuildTarget(platform, Path.GetFullPath(item.ItemSpec, directory)));
            }
        }

        return binaries;
    }

    /// <summary>The binaries an image holds, by image platform: at least one (else GOI2014), linux only (else GOI2017).</summary>
    public static List<(ImagePlatform Platform, string BinaryPath)> ReadForImage(ITaskItem[] items, string directory, List<Diagnostic> diagnostics)
    {
        if (items.Length == 0)
        {
            diagnostics.Add(Diagnostic.NoGoBinaries());
        }

        var result = new List<(ImagePlatform, string)>();
        foreach (var binary in Read(items, directory, diagnostics))
        {
            if (binary.Platform.Os != "linux")
            {
                diagnostics.Add(Diagnostic.UnsupportedImagePlatform(binary.Platform.ToString(), "the images' base and runtime settings are for linux"));
            }
            else
            {
                result.Add((binary.Platform.ToImagePlatform(), binary.OutputPath));
            }
        }

        return result;
    }
}
