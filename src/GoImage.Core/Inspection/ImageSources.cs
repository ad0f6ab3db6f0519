using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Layouts;

namespace GoImage.Inspection;

/// <summary>Turns what a user typed into an image source: an existing folder is a layout, an existing file a tarball, anything else a registry reference.</summary>
public static class ImageSources
{
    public static IImageSource Open(string argument, string? tag, bool insecure, Action<Diagnostic> warn, CancellationToken cancellationToken)
    {
        if (OpenLocal(argument, tag, cancellationToken) is { } local)
        {
            return local;
        }

        // A path that does not exist must not become a Docker Hub lookup of a look-alike name.
        if (LooksLikePath(argument))
        {
            throw new GoImageException(Diagnostic.ImageSourceNotFound(argument));
        }

        if (!ImageReference.TryParse(argument, out var reference, out var problem))
        {
            throw new GoImageException(Diagnostic.ImageSourceUnresolvable(argument, problem));
        }

        return RegistryImageSource.Open(reference, insecure, warn);
    }

    /// <summary>An existing folder as a layout, an existing file as a tarball; null when <paramref name="argument"/> is neither.</summary>
    public static LayoutImageSource? OpenLocal(string argument, string? tag, CancellationToken cancellationToken)
    {
        if (Directory.Exists(argument))
        {
            return OciLayout.IsLayout(argument)
                ? LayoutImageSource.Open(argument, tag)
                : throw new GoImageException(Diagnostic.LayoutFolderWithoutIndex(argument));
        }

        // A tarball is unpacked into a temporary layout, deleted when the source is disposed.
        return File.Exists(argument) ? LayoutImageSource.OpenArchive(argument, tag, cancellationToken) : null;
    }

    public static bool LooksLikePath(string argument) =>
        argument.StartsWith('.') || argument.StartsWith('/') || argument.StartsWith('~')
        || argument.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)
        || (argument.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash && Directory.Exists(argument[..slash]));
}
