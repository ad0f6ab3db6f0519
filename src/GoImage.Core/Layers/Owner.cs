using System.Globalization;

namespace GoImage.Layers;

/// <summary>Numeric ownership of a path in the image, or of the process the image runs: what tar headers and runtimes use.</summary>
public readonly record struct Owner(int Uid, int Gid)
{
    public static readonly Owner Root = new(0, 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Uid}:{Gid}");
}
