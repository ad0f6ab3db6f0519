using GoImage.Diagnostics;
using GoImage.Go;
using GoImage.Images;
using Microsoft.Build.Framework;

namespace GoImage.Sdk.Tasks;

/// <summary>Reads GoBinary items into image platforms; images hold linux binaries only.</summary>
internal static class ImageBinaries
{
    public static List<(ImagePlatform Platform, string BinaryPath)> Read(ITaskItem[] binaries, List<Diagnostic> diagnostics)
    {
        if (binaries.Length == 0)
        {
            diagnostics.Add(Diagnostic.NoGoBinaries());
        }

        var result = new List<(ImagePlatform, string)>();
        foreach (var binary in binaries)
        {
            var text = binary.GetMetadata("Platform");
            if (!GoPlatform.TryParse(text, out var platform, out var reason))
            {
                diagnostics.Add(Diagnostic.InvalidPlatform(text, reason));
            }
            else if (platform!.Os != "linux")
            {
                diagnostics.Add(Diagnostic.UnsupportedImagePlatform(text, "the images' base and runtime settings are for linux"));
            }
            else
            {
                result.Add((platform.ToImagePlatform(), binary.GetMetadata("FullPath")));
            }
        }

        return result;
    }
}
