using GoImage.Images;

namespace GoImage.Layers;

/// <summary>What the project asks of the image's filesystem beyond the base and the binary: files, accounts, folders, and the user they are for.</summary>
public sealed record ImageLayerRequest
{
    public BaseImageKind BaseImage { get; init; } = BaseImageKind.Static;

    /// <summary>Absolute path of the binary in the image: <c>/app/hello</c>.</summary>
    public string AppPath { get; init; } = "";

    /// <summary>ContainerUser as written: <c>65532:65532</c>, <c>nonroot</c>, <c>app:staff</c>; empty is 65532:65532.</summary>
    public string User { get; init; } = "";

    public IReadOnlyList<ContainerFile> Files { get; init; } = [];

    /// <summary>Where ContainerFile sources may resolve; the default contains nothing, so a request without roots takes no file.</summary>
    public SourceRoots SourceRoots { get; init; } = new([]);

    /// <summary>ContainerVolume items: absolute folder paths.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    public IReadOnlyList<ContainerDirectory> Directories { get; init; } = [];

    public IReadOnlyList<UserAccount> Accounts { get; init; } = [];
}
