using GoImage.Diagnostics;
using GoImage.Registry;

namespace GoImage.Inspection;

/// <summary>Turns what a user typed into an image source: an existing folder is a layout, an existing file a tarball, anything else a registry reference.</summary>
public static class ImageSources
{
    public static IImageSource Open(string argument, string? tag, bool insecure, Action<Diagnostic> warn, CancellationToken cancellationToken)
    {
        if (Directory.Exists(argument))
        {
            if (!LayoutIndex.IsLayout(argument))
            {
                throw new GoImageException(Diagnostic.Error("ImageSourceNotFound", argument, "the folder has no index.json"));
            }

            return LayoutImageSource.Open(argument, tag);
        }

        if (File.Exists(argument))
        {
            return LayoutImageSource.OpenArchive(argument, tag, cancellationToken);
        }

        // A path that does not exist must not become a Docker Hub lookup of a look-alike name.
        if (LooksLikePath(argument))
        {
            throw new GoImageException(Diagnostic.Error("ImageSourceNotFound", argument, "no such file or folder"));
        }

        if (!ImageReference.TryParse(argument, out var reference, out var problem))
        {
            throw new GoImageException(Diagnostic.Error("ImageSourceNotFound", argument, $"no such file or folder, and as an image reference {problem}"));
        }

        return RegistryImageSource.Open(reference, insecure, warn);
    }

    public static bool LooksLikePath(string argument) =>
        argument.StartsWith('.') || argument.StartsWith('/') || argument.StartsWith('~')
        || argument.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)
        || (argument.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash && Directory.Exists(argument[..slash]));
}
